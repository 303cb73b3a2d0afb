using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Client.Apis;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Crm.Client.Infrastructure;

/// <summary>
/// An example body on the main operations, built from the request records themselves and written with the API's
/// own JSON options, so an example is always something the server reads (OpenApiDocumentTests checks each against
/// its schema). An operation whose body type has no example here simply shows none.
/// </summary>
public sealed class RequestExamples(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IOpenApiOperationTransformer
{
    private const string CustomerId = "0193a2f4c1d87e5b9a3c6d2e1f0b4a57";

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(TokenRequest)] = new TokenRequest("li.wei", "correct-horse-battery-staple"),
        [typeof(CustomerProfile)] = new CustomerProfile(
            "张敏 Zhang Min",
            [new ContactChannel(ContactChannelKind.Email, "zhang.min@example.com", Preferred: true), new ContactChannel(ContactChannelKind.Phone, "+86 139 1234 5678")],
            ["vip-2026"],
            CustomerTier.Silver,
            "consumer",
            new ConsentFlags(Marketing: false, Surveys: true),
            "PLATFORM-88213"),
        [typeof(NewCase)] = new NewCase(
            CustomerId, CaseKind.AfterSales, "Parcel arrived damaged", "The box was crushed and the kettle inside is cracked.",
            CaseSeverity.Major, "logistics-delivery", CaseChannel.App, AfterSalesType.Exchange, "SO-2026-118734"),
        [typeof(ReplyRequest)] = new ReplyRequest("A replacement kettle leaves our warehouse today; you will get the tracking number by SMS.", CaseAction.WaitOnCustomer),
        [typeof(TextRequest)] = new TextRequest("Courier confirmed the damage in transit; claim filed."),
        [typeof(CaseActionRequest)] = new CaseActionRequest(CaseAction.Resolve, "Replacement delivered and confirmed by the customer."),
        [typeof(EscalateRequest)] = new EscalateRequest("Third damaged delivery for this customer this month."),
        [typeof(Crm.Client.Reports.ServiceAvailabilityRequest)] = new Crm.Client.Reports.ServiceAvailabilityRequest(99.95, "Platform probe: 43,178 of 43,200 minutes answered within 5 s."),
        [typeof(BulkCaseRequest)] = new BulkCaseRequest(["0193a2f4c1d87e5b9a3c6d2e1f0b4a58", "0193a2f4c1d87e5b9a3c6d2e1f0b4a59"], Cases.BulkCaseOperation.Assign, "li.wei"),
        [typeof(ServiceDeskSettingsInput)] = new ServiceDeskSettingsInput(["logistics-delivery", "returns-refunds", "payment"], 7, AssignmentMode.LeastLoaded, true),
    };

    // Nulls left out: an example shows what a caller sends, and every null field here is optional.
    private readonly JsonSerializerOptions options = new(json.Value.SerializerOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var body = context.Description.ParameterDescriptions.FirstOrDefault(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body)?.Type;
        if (body is not null && Examples.TryGetValue(body, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media.Example is null)
        {
            media.Example = JsonSerializer.SerializeToNode(example, body, options);
        }

        return Task.CompletedTask;
    }
}

using System.Text.Json;
using Crm.Client.Apis;
using Crm.Client.Infrastructure;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;

namespace Crm.Client.Tests.Infrastructure;

/// <summary>The API's JSON rules, read by the real serializer: required fields, no null where the type has none, exact enum names.</summary>
public sealed class ApiJsonTests
{
    private static readonly JsonSerializerOptions Options = ApiJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    [Theory]
    [InlineData("""{"displayName":"x","channels":[{"value":"a@example.com"}]}""", "$.channels[0]", "channels[0].kind")]
    [InlineData("""{"channels":[]}""", "$", "displayName")]
    public void Profile_MissingRequiredField_NamesIt(string json, string path, string field)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CustomerProfile>(json, Options));

        Assert.Equal(path, ex.Path);
        Assert.Equal(["Required."], BindingErrors.Of(ex, typeof(CustomerProfile), Options)[field]);
    }

    [Fact]
    public void Profile_ListsLeftOut_AreEmpty_AndOptionalsTakeTheirDefaults()
    {
        var profile = JsonSerializer.Deserialize<CustomerProfile>("""{"displayName":"x"}""", Options)!;

        Assert.True(profile.Channels.IsDefaultOrEmpty);
        Assert.Equal(CustomerTier.Standard, profile.Tier);
        Assert.Null(profile.Segment);
    }

    [Theory]
    [InlineData("""{"displayName":5}""", "displayName", "Text (a JSON string).")]
    [InlineData("""{"displayName":"x","channels":{}}""", "channels", "A JSON array.")]
    [InlineData("""{"displayName":"x","consent":[]}""", "consent", "A JSON object.")]
    [InlineData("""{"displayName":"x","consent":{"surveys":"yes"}}""", "consent.surveys", "true or false.")]
    [InlineData("""[]""", "body", "A JSON object.")]
    [InlineData("""{"displayName":"x",""", "body", "Not valid JSON.")]
    [InlineData("""{"displayName":"x","tier":"vip"}""", "tier", "One of Standard, Silver, Gold, Vip.")]
    [InlineData("""{"displayName":"x","tier":3}""", "tier", "One of Standard, Silver, Gold, Vip.")]
    [InlineData("""{"displayName":"x","channels":[{"kind":" Email","value":"a@example.com"}]}""", "channels[0].kind", "One of Email, Phone, Chat, PostalAddress.")]
    public void Profile_WrongValue_IsNamedInTheApisWords(string json, string field, string message)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CustomerProfile>(json, Options));

        var errors = BindingErrors.Of(ex, typeof(CustomerProfile), Options);

        Assert.Equal([message], errors[field]);
        Assert.DoesNotContain("Crm.", string.Join(' ', errors.Values.SelectMany(m => m)), StringComparison.Ordinal);
    }

    [Fact]
    public void NewCase_WithoutKind_IsRefusedRatherThanInquiry()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<NewCase>("""{"customerId":"c","subject":"s","description":"d"}""", Options));

        Assert.Equal(["Required."], BindingErrors.Of(ex, typeof(NewCase), Options)["kind"]);
    }

    [Fact]
    public void Availability_EmptyObject_IsRefusedRatherThanOff()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AvailabilityRequest>("{}", Options));

        Assert.Equal(["Required."], BindingErrors.Of(ex, typeof(AvailabilityRequest), Options)["available"]);
    }

    [Fact]
    public void Enums_AreWrittenAsTheirNames_AndReadBack()
    {
        var json = JsonSerializer.Serialize(new ReplyRequest("hi", Domain.Cases.CaseAction.WaitOnCustomer), Options);

        Assert.Contains("\"WaitOnCustomer\"", json, StringComparison.Ordinal);
        Assert.Equal(Domain.Cases.CaseAction.WaitOnCustomer, JsonSerializer.Deserialize<ReplyRequest>(json, Options)!.Then);
    }

    [Fact]
    public void NullableEnum_AcceptsNull()
    {
        var reply = JsonSerializer.Deserialize<ReplyRequest>("""{"text":"hi","then":null}""", Options)!;

        Assert.Null(reply.Then);
    }
}

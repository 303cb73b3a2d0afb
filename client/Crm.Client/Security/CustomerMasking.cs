using System.Security.Claims;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Crm.Domain.Privacy;

namespace Crm.Client.Security;

/// <summary>
/// What a reader without <see cref="Permission.PersonalDataView"/> sees: names, contacts and free text masked. Analysts
/// and account managers work with aggregates and get no more than they need.
/// </summary>
public static class CustomerMasking
{
    public static bool NeedsMask(ClaimsPrincipal user, string tenantId) => !user.Allows(tenantId, Permission.PersonalDataView);

    public static CustomerView Mask(CustomerView view) => view with
    {
        Profile = view.Profile with
        {
            DisplayName = PersonalDataMask.Name(view.Profile.DisplayName),
            Channels = [.. view.Profile.Channels.Select(c => c with { Value = Mask(c.Kind, c.Value) })],
        },
    };

    public static CustomerSummary Mask(CustomerSummary summary) => summary with
    {
        DisplayName = PersonalDataMask.Name(summary.DisplayName),
        PreferredContact = summary.PreferredContact is null ? null : PersonalDataMask.FreeText(summary.PreferredContact),
    };

    public static ArchiveEntry Mask(ArchiveEntry entry) => entry with
    {
        Summary = PersonalDataMask.FreeText(entry.Summary),
        Detail = entry.Detail is null ? null : PersonalDataMask.FreeText(entry.Detail),
    };

    public static string Mask(ContactChannelKind kind, string value) => kind switch
    {
        ContactChannelKind.Email => PersonalDataMask.Email(value),
        ContactChannelKind.Phone => PersonalDataMask.Phone(value),
        ContactChannelKind.PostalAddress => PersonalDataMask.Address(value),
        _ => PersonalDataMask.FreeText(value),
    };
}

using System.Collections.Immutable;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;

namespace Crm.Client.Components.Customers;

/// <summary>
/// The form's editable copy of a profile: one email and one phone field, tags as text. Knows which channel
/// index each field became, so the grain's field errors ("channels[1].value") land on the right input.
/// </summary>
public sealed class ProfileModel
{
    public string DisplayName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public bool PreferPhone { get; set; }
    public CustomerTier Tier { get; set; } = CustomerTier.Standard;
    public string Segment { get; set; } = "";
    public string Tags { get; set; } = "";
    public bool Marketing { get; set; }
    public bool Surveys { get; set; }
    public string ExternalRef { get; set; } = "";

    private ImmutableArray<ContactChannel> _otherChannels = [];
    private int _emailIndex = -1;
    private int _phoneIndex = -1;

    public static ProfileModel From(CustomerProfile profile)
    {
        var email = profile.Channels.FirstOrDefault(c => c.Kind == ContactChannelKind.Email);
        var phone = profile.Channels.FirstOrDefault(c => c.Kind == ContactChannelKind.Phone);
        return new ProfileModel
        {
            DisplayName = profile.DisplayName,
            Email = email?.Value ?? "",
            Phone = phone?.Value ?? "",
            PreferPhone = phone?.Preferred ?? false,
            Tier = profile.Tier,
            Segment = profile.Segment ?? "",
            Tags = string.Join(", ", profile.Tags),
            Marketing = profile.Consent?.Marketing ?? false,
            Surveys = profile.Consent?.Surveys ?? false,
            ExternalRef = profile.ExternalRef ?? "",
            _otherChannels = [.. profile.Channels.Where(c => c != email && c != phone)],
        };
    }

    public CustomerProfile ToProfile()
    {
        var channels = new List<ContactChannel>();
        _emailIndex = _phoneIndex = -1;
        if (!string.IsNullOrWhiteSpace(Email))
        {
            _emailIndex = channels.Count;
            channels.Add(new ContactChannel(ContactChannelKind.Email, Email, !PreferPhone));
        }

        if (!string.IsNullOrWhiteSpace(Phone))
        {
            _phoneIndex = channels.Count;
            channels.Add(new ContactChannel(ContactChannelKind.Phone, Phone, PreferPhone || _emailIndex < 0));
        }

        channels.AddRange(_otherChannels.Select(c => c with { Preferred = false }));
        var tags = Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new CustomerProfile(
            DisplayName, [.. channels], [.. tags], Tier,
            string.IsNullOrWhiteSpace(Segment) ? null : Segment,
            new ConsentFlags(Marketing, Surveys),
            string.IsNullOrWhiteSpace(ExternalRef) ? null : ExternalRef);
    }

    /// <summary>Maps the grain's field names onto this form's inputs.</summary>
    public Dictionary<string, string> ErrorsByInput(IEnumerable<FieldError> errors)
    {
        var result = new Dictionary<string, string>();
        foreach (var error in errors)
        {
            var input = error.Field switch
            {
                _ when error.Field.StartsWith($"channels[{_emailIndex}]", StringComparison.Ordinal) => nameof(Email),
                _ when error.Field.StartsWith($"channels[{_phoneIndex}]", StringComparison.Ordinal) => nameof(Phone),
                "channels" => nameof(Email),
                "displayName" => nameof(DisplayName),
                "segment" => nameof(Segment),
                "externalRef" => nameof(ExternalRef),
                "tier" => nameof(Tier),
                _ when error.Field.StartsWith("tags", StringComparison.Ordinal) => nameof(Tags),
                _ => "",
            };
            result[input] = result.TryGetValue(input, out var existing) ? existing + " " + error.Message : error.Message;
        }

        return result;
    }
}

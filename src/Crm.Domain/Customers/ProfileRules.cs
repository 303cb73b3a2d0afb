using System.Net.Mail;
using PhoneNumbers;
using Crm.Domain.Common;

namespace Crm.Domain.Customers;

/// <summary>
/// What a customer profile must satisfy. Normalising here (lower-case emails; phones as E.164 where the tenant's
/// default region makes a national number international) is what later lets agents find a customer by exact match.
/// </summary>
public static class ProfileRules
{
    public const int MaxNameLength = 200;
    public const int MaxChannels = 10;
    public const int MaxChannelValueLength = 320;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;
    public const int MaxSegmentLength = 60;
    public const int MaxExternalRefLength = 100;
    public const int MaxNoteSummaryLength = 500;
    public const int MaxNoteDetailLength = 4000;

    public static (NormalizedProfile? Profile, IReadOnlyList<FieldProblem> Problems) Normalize(ProfileInput input, string? phoneRegion = null)
    {
        var problems = new List<FieldProblem>();

        var name = Clean(input.DisplayName);
        if (name is null)
        {
            problems.Add(new("displayName", "A display name is required."));
        }
        else if (name.Length > MaxNameLength)
        {
            problems.Add(new("displayName", $"At most {MaxNameLength} characters."));
        }

        var channels = NormalizeChannels(input.Channels ?? [], phoneRegion, problems);
        var tags = NormalizeTags(input.Tags ?? [], problems);

        var segment = Clean(input.Segment);
        if (segment is { Length: > MaxSegmentLength })
        {
            problems.Add(new("segment", $"At most {MaxSegmentLength} characters."));
        }

        var externalRef = Clean(input.ExternalRef);
        if (externalRef is { Length: > MaxExternalRefLength })
        {
            problems.Add(new("externalRef", $"At most {MaxExternalRefLength} characters."));
        }

        return problems.Count > 0
            ? (null, problems)
            : (new NormalizedProfile(name!, channels, segment, tags, externalRef), problems);
    }

    private static List<ChannelInput> NormalizeChannels(IReadOnlyList<ChannelInput> channels, string? phoneRegion, List<FieldProblem> problems)
    {
        if (channels.Count > MaxChannels)
        {
            problems.Add(new("channels", $"At most {MaxChannels} contact channels."));
            return [];
        }

        var result = new List<ChannelInput>();
        for (var i = 0; i < channels.Count; i++)
        {
            var field = $"channels[{i}].value";
            var channel = channels[i];
            if (channel is null)
            {
                problems.Add(new($"channels[{i}]", "A contact channel cannot be null."));
                continue;
            }

            if (!Enum.IsDefined(channel.Kind))
            {
                problems.Add(new($"channels[{i}].kind", "Unknown channel kind."));
                continue;
            }

            var value = Clean(channel.Value);
            if (value is null)
            {
                problems.Add(new(field, "A value is required."));
                continue;
            }

            if (value.Length > MaxChannelValueLength)
            {
                problems.Add(new(field, $"At most {MaxChannelValueLength} characters."));
                continue;
            }

            var normalized = channel.Kind switch
            {
                ChannelKind.Email => NormalizeEmail(value),
                ChannelKind.Phone => NormalizePhone(value, phoneRegion),
                _ => value,
            };
            if (normalized is null)
            {
                problems.Add(new(field, channel.Kind == ChannelKind.Email
                    ? "Not a valid email address."
                    : "A phone number has 5 to 15 digits, optionally with a leading '+', spaces, dashes, dots or parentheses."));
                continue;
            }

            if (result.Any(c => c.Kind == channel.Kind && c.Value == normalized))
            {
                continue; // The same channel twice adds nothing.
            }

            result.Add(channel with { Value = normalized });
        }

        if (result.Count(c => c.Preferred) > 1)
        {
            problems.Add(new("channels", "At most one contact channel can be preferred."));
        }

        return result;
    }

    private static List<string> NormalizeTags(IReadOnlyList<string?> tags, List<FieldProblem> problems)
    {
        var result = new List<string>();
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = Clean(tags[i])?.ToLowerInvariant();
            if (tag is null)
            {
                problems.Add(new($"tags[{i}]", "A tag cannot be empty."));
            }
            else if (tag.Length > MaxTagLength)
            {
                problems.Add(new($"tags[{i}]", $"At most {MaxTagLength} characters."));
            }
            else if (!result.Contains(tag))
            {
                result.Add(tag);
            }
        }

        if (result.Count > MaxTags)
        {
            problems.Add(new("tags", $"At most {MaxTags} tags."));
        }

        return result;
    }

    public static string? NormalizeEmail(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Contains(' ') || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed)
        {
            return null;
        }

        // MailAddress takes "a@localhost" and "a@example."; a customer's address needs a dotted domain whose last label
        // is not empty. (It already refuses an empty local part and a domain that starts with a dot.)
        return address.Host.Contains('.') && !address.Host.EndsWith('.') ? trimmed.ToLowerInvariant() : null;
    }

    /// <summary>
    /// Digits with an optional leading '+'; 5 to 15 digits, separators dropped. A number that is a possible number
    /// (international with its '+', or national in <paramref name="region"/>: a trunk '0', the region's international
    /// prefix) becomes E.164; any other is kept as its digits, as every number was before tenants had a region.
    /// </summary>
    public static string? NormalizePhone(string value, string? region = null) =>
        PhoneDigits(value) is { } plain ? InRegion(plain, region) ?? plain : null;

    /// <summary>
    /// The stored forms a typed number may match, most likely first: its normal form, and for numbers stored before
    /// the tenant had a region, the digits as typed and the national number without its calling code.
    /// </summary>
    public static IReadOnlyList<string> PhoneLookupForms(string value, string? region)
    {
        if (PhoneDigits(value) is not { } plain)
        {
            return [];
        }

        var normal = InRegion(plain, region) ?? plain;
        var forms = new List<string> { normal };
        if (plain != normal)
        {
            forms.Add(plain);
        }

        if (region is not null && National(normal) is { } national && !forms.Contains(national))
        {
            forms.Add(national);
        }

        return forms;
    }

    /// <summary>The digits with an optional leading '+', or null unless 5 to 15 digits with only separators between.</summary>
    private static string? PhoneDigits(string value)
    {
        var digits = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }

        var plain = digits.ToString();
        var count = plain.Length - (plain.StartsWith('+') ? 1 : 0);
        return count is >= 5 and <= 15 ? plain : null;
    }

    /// <summary>E.164 when libphonenumber reads a possible number (a '+' number needs no region), else null.</summary>
    private static string? InRegion(string digits, string? region)
    {
        var util = PhoneNumberUtil.GetInstance();
        try
        {
            var number = util.Parse(digits, region);
            return util.IsPossibleNumber(number) ? util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private static string? National(string e164)
    {
        var util = PhoneNumberUtil.GetInstance();
        try
        {
            return util.GetNationalSignificantNumber(util.Parse(e164, null));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>Drops control characters other than line breaks and tabs, trims, and turns what is left blank into null.</summary>
    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var kept = new string([.. value.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t')]).Trim();
        return kept.Length == 0 ? null : kept;
    }
}

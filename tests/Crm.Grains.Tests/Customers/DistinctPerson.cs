using Crm.Contracts.Customers;

namespace Crm.Grains.Tests.Customers;

/// <summary>Personal values no other test uses, so finding one in storage can only mean this test's data leaked.</summary>
internal sealed record DistinctPerson(string Name, string Email, string PhoneDigits, string Address)
{
    public static DistinctPerson Create()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var digits = "139" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        return new($"Ouyang Zhen-{tag}", $"ouyang.{tag}@example.cn", digits, $"{tag} Nanjing West Road, Jing'an, Shanghai");
    }

    /// <summary>The phone as an agent might type it: spaced and dashed, not as it is stored.</summary>
    public string PhoneFormatted => $"+86 {PhoneDigits[..3]}-{PhoneDigits[3..7]}-{PhoneDigits[7..]}";

    public string PhoneNormalized => "+86" + PhoneDigits;

    public CustomerProfile Profile() => new(
        Name,
        [
            new ContactChannel(ContactChannelKind.Email, Email, Preferred: true),
            new ContactChannel(ContactChannelKind.Phone, PhoneNormalized),
            new ContactChannel(ContactChannelKind.PostalAddress, Address),
        ],
        ["vip"],
        CustomerTier.Gold,
        "consumer",
        new ConsentFlags(Marketing: true, Surveys: true),
        "PLT-" + PhoneDigits[3..]);

    public string[] Values => [Name, Email, PhoneDigits, Address];
}

using System.Collections.Immutable;
using Bogus;
using Crm.Contracts.Customers;

namespace Crm.Cli.Demo;

/// <summary>
/// Realistic, made-up customers for the demo tenant: Chinese and English names, contacts, tiers and a few
/// archived interactions. A fixed seed gives the same data on every machine.
/// </summary>
public static class DemoCustomers
{
    private static readonly string[] Segments = ["consumer", "small-business", "marketplace-seller"];
    private static readonly string[] Tags = ["repeat-buyer", "high-value", "new", "returns-often", "wholesale", "app-user", "price-sensitive"];

    private static readonly string[] NoteSummaries =
    [
        "Asked about delivery time for order",
        "Called to confirm shipping address change",
        "Prefers contact by chat after 18:00",
        "Mentioned a damaged package on a previous order",
        "Requested invoice copy by email",
        "Asked whether the warranty covers accessories",
    ];

    public sealed record DemoCustomer(CustomerProfile Profile, IReadOnlyList<string> Notes);

    public static IReadOnlyList<DemoCustomer> Generate(int count, int seed = 20261123)
    {
        var random = new Randomizer(seed);
        var chinese = new Faker("zh_CN") { Random = random };
        var english = new Faker("en") { Random = random };
        var customers = new List<DemoCustomer>(count);
        for (var i = 0; i < count; i++)
        {
            var faker = i % 3 == 2 ? english : chinese;
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var name = faker == chinese ? last + first : $"{first} {last}";
            var email = english.Internet.Email(english.Name.FirstName(), english.Name.LastName(), "example.com").ToLowerInvariant();
            var phone = faker == chinese ? "+86 1" + random.ReplaceNumbers("## #### ####") : "+1 " + random.ReplaceNumbers("### ### ####");
            var preferEmail = random.Bool();
            var profile = new CustomerProfile(
                name,
                [new ContactChannel(ContactChannelKind.Email, email, preferEmail), new ContactChannel(ContactChannelKind.Phone, phone, !preferEmail)],
                [.. random.Shuffle(Tags).Take(random.Int(0, 3))],
                random.WeightedRandom([CustomerTier.Standard, CustomerTier.Silver, CustomerTier.Gold, CustomerTier.Vip], [0.55f, 0.25f, 0.15f, 0.05f]),
                random.ArrayElement(Segments),
                new ConsentFlags(Marketing: random.Bool(0.4f), Surveys: random.Bool(0.7f)),
                "PLT-" + random.ReplaceNumbers("########"));
            var notes = random.Shuffle(NoteSummaries).Take(random.Int(0, 3)).ToList();
            customers.Add(new DemoCustomer(profile, notes));
        }

        return customers;
    }
}

using Crm.Contracts.Customers;

namespace Crm.Grains.Tests.Customers;

internal static class CustomerBuilder
{
    public static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..12];

    public static string NewKey(string? tenant = null) => CustomerKey.Format(tenant ?? NewTenant(), Guid.NewGuid().ToString("N"));

    public static CustomerProfile Profile(string name = "Li Wei") => new(
        name,
        [new ContactChannel(ContactChannelKind.Email, "Li.Wei@Example.com", Preferred: true), new ContactChannel(ContactChannelKind.Phone, "+86 138 0013 8000")],
        ["VIP", "vip", "returns"],
        CustomerTier.Gold,
        "consumer",
        new ConsentFlags(Marketing: false, Surveys: true),
        "PLT-1");
}

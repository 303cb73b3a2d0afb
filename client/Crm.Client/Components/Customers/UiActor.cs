namespace Crm.Client.Components.Customers;

/// <summary>Who acts from the web UI; becomes the signed-in user when sign-in lands.</summary>
public static class UiActor
{
    public const string Name = "web";
}

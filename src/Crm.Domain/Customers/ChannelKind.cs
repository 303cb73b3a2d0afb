namespace Crm.Domain.Customers;

/// <summary>Mirror of the contract's channel kinds, so the rules need no Orleans types.</summary>
public enum ChannelKind
{
    Email,
    Phone,
    Chat,
    PostalAddress,
}

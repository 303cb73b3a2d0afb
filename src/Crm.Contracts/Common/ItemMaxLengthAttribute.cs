namespace Crm.Contracts.Common;

/// <summary>
/// The longest each text of a list may be ([MaxLength] on a list bounds its count). The API's binding layer checks it
/// and the document shows it as the items' maxLength, from the same rule constant the domain checks.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemMaxLengthAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}

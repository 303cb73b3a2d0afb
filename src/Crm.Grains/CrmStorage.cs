namespace Crm.Grains;

/// <summary>The name of the grain storage every Crm grain persists to; the silo registers our Azure Tables provider under it.</summary>
public static class CrmStorage
{
    public const string Name = "crm";
}

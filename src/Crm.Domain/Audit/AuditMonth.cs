namespace Crm.Domain.Audit;

/// <summary>A UTC calendar month as yyyyMM (202611): the unit a tenant's audit log is stored and read in.</summary>
public static class AuditMonth
{
    public static int Of(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return (utc.Year * 100) + utc.Month;
    }

    public static int Previous(int month) => month % 100 == 1 ? month - 100 + 11 : month - 1;

    public static bool IsValid(int month) => month / 100 is >= 1 and <= 9999 && month % 100 is >= 1 and <= 12;
}

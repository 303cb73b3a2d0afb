namespace Crm.Domain.Common;

/// <summary>Page sizes every list accepts: bounded so that one request never reads an unbounded range.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static bool IsValidPageSize(int pageSize) => pageSize is >= 1 and <= MaxPageSize;
}

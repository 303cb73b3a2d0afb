namespace Crm.Testing;

/// <summary>How <see cref="AzuriteServer"/> runs node.</summary>
/// <param name="InMemory">
/// Azurite's <c>--inMemoryPersistence</c>: no LokiJS autosave to disk. The autosave re-serialises the whole database
/// every few seconds, which is what makes Azurite crawl past about a million rows; the benchmarks that seed millions of
/// rows use this. A restart then loses every row, so tests that restart the storage keep the default.
/// </param>
/// <param name="NodeHeapMiB">node's <c>--max-old-space-size</c>; an in-memory million-case table needs several GiB.</param>
public sealed record AzuriteOptions(bool InMemory = false, int? NodeHeapMiB = null)
{
    public static AzuriteOptions Default { get; } = new();

    /// <summary>For benchmarks with millions of rows: in memory, with a 12 GiB heap.</summary>
    public static AzuriteOptions LargeInMemory { get; } = new(InMemory: true, NodeHeapMiB: 12288);
}

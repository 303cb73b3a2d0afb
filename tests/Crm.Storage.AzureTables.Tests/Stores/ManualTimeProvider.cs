namespace Crm.Storage.AzureTables.Tests.Stores;

/// <summary>A clock the test sets, to write entries in chosen months.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

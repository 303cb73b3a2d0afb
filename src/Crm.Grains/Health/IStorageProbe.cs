namespace Crm.Grains.Health;

/// <summary>A cheap round trip to storage for readiness checks.</summary>
public interface IStorageProbe
{
    Task PingAsync(CancellationToken cancellationToken);
}

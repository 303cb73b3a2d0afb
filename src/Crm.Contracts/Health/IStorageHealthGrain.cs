namespace Crm.Contracts.Health;

/// <summary>Lets the front end's readiness check prove both the cluster and its storage answer.</summary>
public interface IStorageHealthGrain : IGrainWithIntegerKey
{
    /// <summary>Null when storage answered; otherwise what failed.</summary>
    Task<string?> CheckAsync();
}

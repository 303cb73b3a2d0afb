namespace Crm.Storage.AzureTables.Backup;

/// <summary>A valid backup that may not be restored into this storage (a target table already holds rows).</summary>
public sealed class RestoreRefusedException(string message) : Exception(message);

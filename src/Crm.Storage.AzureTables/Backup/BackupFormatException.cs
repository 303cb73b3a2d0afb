namespace Crm.Storage.AzureTables.Backup;

/// <summary>A backup file that cannot be trusted: not a zip, no manifest, a checksum or row count that does not match, a line that does not parse.</summary>
public sealed class BackupFormatException(string message, Exception? innerException = null) : Exception(message, innerException);

namespace Crm.Storage.AzureTables.GrainStorage;

/// <summary>
/// Encrypts a serialized grain state before it is split into chunks, and decrypts it after they are joined.
/// Unprotect must reject a payload that was tampered with.
/// </summary>
public interface IGrainStatePayloadProtector
{
    byte[] Protect(ReadOnlySpan<byte> payload);

    byte[] Unprotect(ReadOnlySpan<byte> payload);
}

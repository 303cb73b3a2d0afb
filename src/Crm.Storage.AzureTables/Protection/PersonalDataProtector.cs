using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Crm.Storage.AzureTables.GrainStorage;

namespace Crm.Storage.AzureTables.Protection;

/// <summary>
/// AES-256-GCM with a self-describing envelope, so values written under an old key still read after rotation:
/// <c>version(1) | keyIdLength(1) | keyId(utf8) | nonce(12) | tag(16) | ciphertext</c>. The header is authenticated
/// (associated data), so changing the key id or any byte fails decryption. Strings are <c>"enc1:" + base64url</c>.
/// </summary>
public sealed class PersonalDataProtector(PersonalDataKeyRing keys) : IGrainStatePayloadProtector
{
    public const byte Version = 1;
    public const string StringPrefix = "enc1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public byte[] Protect(ReadOnlySpan<byte> plaintext)
    {
        var keyId = Encoding.UTF8.GetBytes(keys.ActiveKeyId);
        var headerLength = 2 + keyId.Length;
        var envelope = new byte[headerLength + NonceBytes + TagBytes + plaintext.Length];
        envelope[0] = Version;
        envelope[1] = (byte)keyId.Length;
        keyId.CopyTo(envelope, 2);
        var nonce = envelope.AsSpan(headerLength, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var tag = envelope.AsSpan(headerLength + NonceBytes, TagBytes);
        var ciphertext = envelope.AsSpan(headerLength + NonceBytes + TagBytes);
        using var aes = new AesGcm(keys.ActiveKey, TagBytes);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, envelope.AsSpan(0, headerLength));
        return envelope;
    }

    public byte[] Unprotect(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < 2 || envelope[0] != Version)
        {
            throw new CryptographicException(
                $"Not a protected value of version {Version} (found {(envelope.Length == 0 ? "nothing" : $"version {envelope[0]}")}).");
        }

        var headerLength = 2 + envelope[1];
        if (envelope.Length < headerLength + NonceBytes + TagBytes)
        {
            throw new CryptographicException("The protected value is truncated.");
        }

        var keyId = Encoding.UTF8.GetString(envelope.Slice(2, envelope[1]));
        if (!keys.TryGetKey(keyId, out var key))
        {
            throw new PersonalDataKeyException(
                $"The value was encrypted with key '{keyId}', which is not configured (known: {string.Join(", ", keys.KeyIds)}). " +
                "Keep retired keys in the key ring until no value uses them.");
        }

        var plaintext = new byte[envelope.Length - headerLength - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(
            envelope.Slice(headerLength, NonceBytes),
            envelope[(headerLength + NonceBytes + TagBytes)..],
            envelope.Slice(headerLength + NonceBytes, TagBytes),
            plaintext,
            envelope[..headerLength]);
        return plaintext;
    }

    [return: NotNullIfNotNull(nameof(value))]
    public string? ProtectString(string? value) =>
        value is null ? null : StringPrefix + Base64Url.EncodeToString(Protect(Encoding.UTF8.GetBytes(value)));

    /// <summary>Decrypts a value from <see cref="ProtectString"/>; an unprefixed value was written before encryption and reads as is.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public string? UnprotectString(string? value) =>
        value is null || !value.StartsWith(StringPrefix, StringComparison.Ordinal)
            ? value
            : Encoding.UTF8.GetString(Unprotect(Base64Url.DecodeFromChars(value.AsSpan(StringPrefix.Length))));

    /// <summary>The key id a protected value names, for operators checking what still needs an old key.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> envelope) =>
        envelope.Length >= 2 && envelope.Length >= 2 + envelope[1]
            ? Encoding.UTF8.GetString(envelope.Slice(2, envelope[1]))
            : throw new CryptographicException("The protected value is truncated.");

    public static string KeyIdOf(string protectedValue) =>
        KeyIdOf(Base64Url.DecodeFromChars(protectedValue.AsSpan(StringPrefix.Length)));
}

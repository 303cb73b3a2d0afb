using Crm.Storage.AzureTables.Protection;

namespace Crm.Storage.AzureTables.Tests.Protection;

/// <summary>Fixed keys, so protection tests are deterministic in what they can and cannot decrypt.</summary>
internal static class TestKeyRings
{
    public static readonly string K1 = Key(1);
    public static readonly string K2 = Key(2);
    public static readonly string Lookup = Key(3);

    public static string Key(byte seed) => Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + seed)).ToArray());

    public static PersonalDataKeyRing Ring(string activeKeyId, params string[] keyIds) =>
        PersonalDataKeyRing.FromValues(keyIds.ToDictionary(id => id, id => id == "k1" ? K1 : K2), activeKeyId, Lookup, "tests");

    public static PersonalDataProtector Protector(string activeKeyId = "k1", params string[] keyIds) =>
        new(Ring(activeKeyId, keyIds.Length == 0 ? ["k1"] : keyIds));
}

using System.Security.Cryptography;
using System.Text;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Storage.AzureTables.Tests.Protection;

/// <summary>The envelope round-trips, detects tampering, survives key rotation and names an unknown key.</summary>
public sealed class PersonalDataProtectorTests
{
    [Fact]
    public void ProtectBytes_RoundTrip_ReturnsPlaintextAndHidesIt()
    {
        var protector = TestKeyRings.Protector();
        var plaintext = Encoding.UTF8.GetBytes("Zhang Xiaoming +8613800138000");

        var envelope = protector.Protect(plaintext);

        Assert.Equal(plaintext, protector.Unprotect(envelope));
        Assert.DoesNotContain("Zhang", Encoding.UTF8.GetString(envelope));
        Assert.Equal("k1", PersonalDataProtector.KeyIdOf(envelope));
    }

    [Fact]
    public void ProtectString_RoundTrip_IsPrefixedAndFreshEachTime()
    {
        var protector = TestKeyRings.Protector();

        var first = protector.ProtectString("李伟 li.wei@example.com");
        var second = protector.ProtectString("李伟 li.wei@example.com");

        Assert.StartsWith(PersonalDataProtector.StringPrefix, first);
        Assert.NotEqual(first, second);
        Assert.Equal("李伟 li.wei@example.com", protector.UnprotectString(first));
        Assert.Equal("", protector.UnprotectString(protector.ProtectString("")));
        Assert.Null(protector.ProtectString(null));
    }

    [Fact]
    public void UnprotectString_PlainValueFromBeforeEncryption_ReadsAsIs()
    {
        Assert.Equal("Customer Li Wei created.", TestKeyRings.Protector().UnprotectString("Customer Li Wei created."));
    }

    [Theory]
    [InlineData(0)] // version
    [InlineData(3)] // key id (authenticated header)
    [InlineData(5)] // nonce
    [InlineData(20)] // tag
    [InlineData(-1)] // ciphertext
    public void Unprotect_AnyByteChanged_Throws(int index)
    {
        var protector = TestKeyRings.Protector("k1", "k1", "k2");
        var envelope = protector.Protect(Encoding.UTF8.GetBytes("a secret phone number"));
        var at = index < 0 ? envelope.Length + index : index;

        envelope[at] ^= index == 3 ? (byte)('1' ^ '2') : (byte)0x01; // k1 -> k2 for the key id: a known key, still refused

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(envelope));
    }

    [Fact]
    public void Unprotect_AfterRotation_OldValuesReadAndNewOnesCarryNewKey()
    {
        var before = TestKeyRings.Protector("k1", "k1");
        var oldValue = before.ProtectString("written under k1");

        var after = TestKeyRings.Protector("k2", "k1", "k2");
        var newValue = after.ProtectString("written under k2");

        Assert.Equal("written under k1", after.UnprotectString(oldValue));
        Assert.Equal("k1", PersonalDataProtector.KeyIdOf(oldValue));
        Assert.Equal("k2", PersonalDataProtector.KeyIdOf(newValue));
        Assert.Equal("written under k2", after.UnprotectString(newValue));
    }

    [Fact]
    public void Unprotect_UnknownKeyId_ThrowsNamingTheKey()
    {
        var value = TestKeyRings.Protector("k2", "k2").ProtectString("written under k2");

        var ex = Assert.Throws<PersonalDataKeyException>(() => TestKeyRings.Protector("k1", "k1").UnprotectString(value));

        Assert.Contains("'k2'", ex.Message);
    }

    [Fact]
    public void Hash_SameNormalisedValue_IsStableAndKindSeparated()
    {
        var hasher = new LookupHasher(TestKeyRings.Ring("k1", "k1"));

        var phone = hasher.Hash("phone", "+8613800138000");

        Assert.Equal(phone, hasher.Hash("phone", "+8613800138000"));
        Assert.NotEqual(phone, hasher.Hash("email", "+8613800138000"));
        Assert.Matches("^[0-9a-f]{64}$", phone);
        Assert.DoesNotContain("13800138000", phone);
    }
}

using System.Text.Json;
using Crm.Storage.AzureTables.Protection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crm.Storage.AzureTables.Tests.Protection;

/// <summary>Keys come from configuration or a key file; a missing file is created, bad keys are refused by name.</summary>
public sealed class PersonalDataKeyRingTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crm-keyring-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Load_NoKeysAndNoFile_CreatesPrivateKeyFileThatLoadsTheSameKeys()
    {
        var path = Path.Combine(_directory, "nested", "keys.json");

        var created = PersonalDataKeyRing.Load(new PersonalDataOptions { KeyFile = path }, NullLogger.Instance);
        var reloaded = PersonalDataKeyRing.Load(new PersonalDataOptions { KeyFile = path }, NullLogger.Instance);

        Assert.True(File.Exists(path));
        Assert.Equal("k1", created.ActiveKeyId);
        Assert.Equal(created.ActiveKey, reloaded.ActiveKey);
        Assert.Equal(created.LookupKey, reloaded.LookupKey);
        Assert.Equal(32, created.ActiveKey.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var json = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal("k1", json.GetProperty("activeKeyId").GetString());
        Assert.True(json.GetProperty("keys").TryGetProperty("k1", out _));
        Assert.True(json.TryGetProperty("lookupKey", out _));
    }

    [Fact]
    public void Load_KeysInConfiguration_IgnoresKeyFile()
    {
        var path = Path.Combine(_directory, "never.json");

        var ring = PersonalDataKeyRing.Load(
            new PersonalDataOptions { KeyFile = path, Keys = { ["k2"] = TestKeyRings.K2 }, ActiveKeyId = "k2", LookupKey = TestKeyRings.Lookup },
            NullLogger.Instance);

        Assert.Equal("k2", ring.ActiveKeyId);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void FromValues_ActiveKeyMissing_ThrowsNamingIt()
    {
        var ex = Assert.Throws<PersonalDataKeyException>(() =>
            PersonalDataKeyRing.FromValues(new Dictionary<string, string> { ["k1"] = TestKeyRings.K1 }, "k9", TestKeyRings.Lookup, "tests"));

        Assert.Contains("'k9'", ex.Message);
    }

    [Theory]
    [InlineData("c2hvcnQ=", "key 'k1' has 5 bytes")]
    [InlineData("not base64!", "key 'k1' is not base64")]
    public void FromValues_BadKey_ThrowsNamingIt(string key, string expected)
    {
        var ex = Assert.Throws<PersonalDataKeyException>(() =>
            PersonalDataKeyRing.FromValues(new Dictionary<string, string> { ["k1"] = key }, "k1", TestKeyRings.Lookup, "tests"));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void FromValues_NoLookupKey_ThrowsNamingIt()
    {
        var ex = Assert.Throws<PersonalDataKeyException>(() =>
            PersonalDataKeyRing.FromValues(new Dictionary<string, string> { ["k1"] = TestKeyRings.K1 }, "k1", null, "tests"));

        Assert.Contains("lookup key", ex.Message);
    }
}

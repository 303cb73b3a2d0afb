using System.IO.Compression;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Crm.Storage.AzureTables.Backup;
using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Backup;

/// <summary>
/// The product's blob containers in a backup: restored byte for byte with their content types, other containers left
/// out; a damaged, missing or unlisted blob file is refused like a damaged table, and a non-empty container too, with
/// nothing written.
/// </summary>
public sealed class BlobBackupTests(BlobBackupTests.Fixture fixture) : IClassFixture<BlobBackupTests.Fixture>
{
    private const string Table = "CrmBackupBlobRows";
    private const string Foreign = "other-things";
    private const string PdfName = "acme/2026-11/report.pdf";

    [Fact]
    public async Task CreateThenRestore_EveryProductBlob_ComesBackByteForByte()
    {
        var manifest = await TableRestore.VerifyAsync(new MemoryStream(fixture.Backup));
        Assert.Equal([CrmBlobContainers.Reports], manifest.BlobContainers);
        Assert.Equal(fixture.Blobs.Keys.Order(StringComparer.Ordinal), manifest.Blobs.Select(b => b.Name).Order(StringComparer.Ordinal));

        await using var target = await AzuriteServer.StartAsync();
        var blobs = new BlobServiceClient(target.ConnectionString);
        await TableRestore.RestoreAsync(new TableServiceClient(target.ConnectionString), new MemoryStream(fixture.Backup), blobs: blobs);

        var container = blobs.GetBlobContainerClient(CrmBlobContainers.Reports);
        foreach (var (name, (content, type)) in fixture.Blobs)
        {
            var read = await container.GetBlobClient(name).DownloadContentAsync();
            Assert.Equal(content, read.Value.Content.ToArray());
            Assert.Equal(type, read.Value.Details.ContentType);
        }

        Assert.False(await blobs.GetBlobContainerClient(Foreign).ExistsAsync());
        Assert.Single(await BackupAssert.ReadAllAsync(new TableServiceClient(target.ConnectionString), Table));
    }

    [Theory]
    [InlineData("checksum", $"Checksum mismatch in blob crm-reports/{PdfName}")]
    [InlineData("size", $"Size mismatch in blob crm-reports/{PdfName}")]
    [InlineData("missing", $"has no blobs/crm-reports/{PdfName}")]
    [InlineData("foreign", "is incomplete or not a product blob")]
    public async Task Restore_DamagedBlobEntry_IsRefusedNamingTheBlob_AndWritesNothing(string damage, string expected)
    {
        var bytes = Damage(fixture.Backup, damage);
        await using var target = await AzuriteServer.StartAsync();
        var tables = new TableServiceClient(target.ConnectionString);
        var blobs = new BlobServiceClient(target.ConnectionString);

        var error = await Assert.ThrowsAsync<BackupFormatException>(() => TableRestore.RestoreAsync(tables, new MemoryStream(bytes), blobs: blobs));

        Assert.Contains(expected, error.Message);
        Assert.Empty(await BackupRoundTripTests.TableNamesAsync(tables));
        Assert.False(await blobs.GetBlobContainerClient(CrmBlobContainers.Reports).ExistsAsync());
    }

    [Fact]
    public async Task Restore_TargetContainerHoldsBlobs_IsRefused_AndWritesNothing()
    {
        await using var target = await AzuriteServer.StartAsync();
        var tables = new TableServiceClient(target.ConnectionString);
        var blobs = new BlobServiceClient(target.ConnectionString);
        var container = blobs.GetBlobContainerClient(CrmBlobContainers.Reports);
        await container.CreateAsync();
        await container.GetBlobClient("kept.txt").UploadAsync(new BinaryData("already here"u8.ToArray()));

        var error = await Assert.ThrowsAsync<RestoreRefusedException>(() => TableRestore.RestoreAsync(tables, new MemoryStream(fixture.Backup), blobs: blobs));

        Assert.Contains("Blob container crm-reports already holds blobs", error.Message);
        Assert.Empty(await BackupRoundTripTests.TableNamesAsync(tables));
        Assert.Equal(["kept.txt"], await container.GetBlobsAsync().Select(b => b.Name).ToListAsync());
    }

    [Fact]
    public async Task Restore_WithoutABlobService_IsRefusedWhenTheBackupHoldsBlobs()
    {
        await using var target = await AzuriteServer.StartAsync();
        var tables = new TableServiceClient(target.ConnectionString);

        await Assert.ThrowsAsync<RestoreRefusedException>(() => TableRestore.RestoreAsync(tables, new MemoryStream(fixture.Backup)));
        Assert.Empty(await BackupRoundTripTests.TableNamesAsync(tables));
    }

    private static byte[] Damage(byte[] backup, string damage)
    {
        var output = new MemoryStream();
        output.Write(backup);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            var file = BlobBackup.DataEntryName(CrmBlobContainers.Reports, PdfName);
            var entry = zip.GetEntry(file)!;
            byte[] content;
            using (var reader = new MemoryStream())
            {
                using (var stream = entry.Open())
                {
                    stream.CopyTo(reader);
                }

                content = reader.ToArray();
            }

            entry.Delete();
            switch (damage)
            {
                case "checksum":
                    content[content.Length / 2] ^= 0x01;
                    break;
                case "size":
                    content = [.. content, 0x00];
                    break;
                case "missing":
                    content = [];
                    break;
                case "foreign":
                    // An entry outside the product's containers, listed in the manifest: a restore must not write it.
                    var manifestEntry = zip.GetEntry(BackupManifest.EntryName)!;
                    string text;
                    using (var r = new StreamReader(manifestEntry.Open()))
                    {
                        text = r.ReadToEnd();
                    }

                    manifestEntry.Delete();
                    using (var w = new StreamWriter(zip.CreateEntry(BackupManifest.EntryName).Open()))
                    {
                        w.Write(text.Replace("\"container\": \"crm-reports\"", "\"container\": \"elsewhere\"", StringComparison.Ordinal));
                    }

                    break;
            }

            if (damage != "missing")
            {
                using var write = zip.CreateEntry(file).Open();
                write.Write(content);
            }
        }

        return output.ToArray();
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private AzuriteServer? _source;

        public byte[] Backup { get; private set; } = [];

        /// <summary>Every byte value, an empty blob, Chinese text, nested names: what the backup must keep exactly.</summary>
        public Dictionary<string, (byte[] Content, string Type)> Blobs { get; } = new(StringComparer.Ordinal)
        {
            [PdfName] = ([.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, 256 * 40).Select(i => (byte)(i * 7 % 256))], "application/pdf"),
            ["acme/2026-11/report.html"] = ("<p>合同服务报告</p>"u8.ToArray(), "text/html; charset=utf-8"),
            ["acme/2026-11/tables/empty.csv"] = ([], "text/csv; charset=utf-8"),
        };

        public async Task InitializeAsync()
        {
            _source = await AzuriteServer.StartAsync();
            var tables = new TableServiceClient(_source.ConnectionString);
            await BackupRoundTripTests.SeedAsync(tables, Table, [new TableEntity("p", "r") { ["V"] = 1 }]);
            var blobs = new BlobServiceClient(_source.ConnectionString);
            var reports = blobs.GetBlobContainerClient(CrmBlobContainers.Reports);
            await reports.CreateAsync();
            foreach (var (name, (content, type)) in Blobs)
            {
                await reports.GetBlobClient(name).UploadAsync(new BinaryData(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = type } });
            }

            var foreign = blobs.GetBlobContainerClient(Foreign);
            await foreign.CreateAsync();
            await foreign.GetBlobClient("x.bin").UploadAsync(new BinaryData("not ours"u8.ToArray()));

            using var file = new MemoryStream();
            await TableBackup.CreateAsync(tables, file, blobs: blobs);
            Backup = file.ToArray();
        }

        public async Task DisposeAsync()
        {
            if (_source is not null)
            {
                await _source.DisposeAsync();
            }
        }
    }
}

using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace Crm.Storage.AzureTables.Backup;

/// <summary>
/// One entity as one line of a table's data file, with every property's EDM type kept, so a restore writes back the
/// same types and values: <c>{"PartitionKey":"…","RowKey":"…","Properties":[{"Name":"…","Type":"Edm.Int64","Value":"…"}]}</c>.
/// Values that JSON numbers would round (Int64, Double incl. NaN/Infinity) and DateTime (100 ns ticks) are strings.
/// </summary>
public static class EntityLine
{
    private const string String = "Edm.String";
    private const string Int32 = "Edm.Int32";
    private const string Int64 = "Edm.Int64";
    private const string Double = "Edm.Double";
    private const string Boolean = "Edm.Boolean";
    private const string DateTime = "Edm.DateTime";
    private const string Guid = "Edm.Guid";
    private const string Binary = "Edm.Binary";

    // Server-set: Timestamp and ETag cannot be written back, so they are not kept (the manifest says so).
    private static readonly HashSet<string> Skipped = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>Writes the entity as UTF-8 JSON followed by '\n'.</summary>
    public static void Write(TableEntity entity, ArrayBufferWriter<byte> buffer)
    {
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("PartitionKey", entity.PartitionKey);
            json.WriteString("RowKey", entity.RowKey);
            json.WriteStartArray("Properties");
            foreach (var (name, value) in entity)
            {
                if (Skipped.Contains(name) || value is null)
                {
                    // A null is "no property" in Azure Tables; nothing to keep.
                    continue;
                }

                json.WriteStartObject();
                json.WriteString("Name", name);
                WriteTypedValue(json, name, value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }

    private static void WriteTypedValue(Utf8JsonWriter json, string name, object value)
    {
        switch (value)
        {
            case string s:
                json.WriteString("Type", String);
                json.WriteString("Value", s);
                break;
            case int i:
                json.WriteString("Type", Int32);
                json.WriteNumber("Value", i);
                break;
            case long l:
                json.WriteString("Type", Int64);
                json.WriteString("Value", l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                json.WriteString("Type", Double);
                json.WriteString("Value", d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case bool b:
                json.WriteString("Type", Boolean);
                json.WriteBoolean("Value", b);
                break;
            case DateTimeOffset dto:
                json.WriteString("Type", DateTime);
                json.WriteString("Value", dto.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case System.DateTime dt:
                json.WriteString("Type", DateTime);
                json.WriteString("Value", new DateTimeOffset(dt.ToUniversalTime()).ToString("O", CultureInfo.InvariantCulture));
                break;
            case System.Guid g:
                json.WriteString("Type", Guid);
                json.WriteString("Value", g.ToString("D"));
                break;
            case byte[] bytes:
                json.WriteString("Type", Binary);
                json.WriteBase64String("Value", bytes);
                break;
            case BinaryData data:
                json.WriteString("Type", Binary);
                json.WriteBase64String("Value", data.ToMemory().Span);
                break;
            default:
                throw new NotSupportedException($"Property '{name}' has a value of type {value.GetType()}, which Azure Tables does not store.");
        }
    }

    /// <summary>Parses one line; a bad line is a <see cref="BackupFormatException"/> naming the table, line and field.</summary>
    public static TableEntity Parse(ReadOnlySpan<byte> line, string table, long lineNumber)
    {
        string Where(string? field = null) =>
            $"table {table}, line {lineNumber}" + (field is null ? "" : $", field '{field}'");

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(line);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new BackupFormatException($"Backup data is not valid JSON ({Where()}): {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BackupFormatException($"Backup data line is not a JSON object ({Where()}).");
            }

            var entity = new TableEntity(RequiredString(root, "PartitionKey", Where), RequiredString(root, "RowKey", Where));
            if (!root.TryGetProperty("Properties", out var properties) || properties.ValueKind != JsonValueKind.Array)
            {
                throw new BackupFormatException($"Backup data line has no Properties array ({Where("Properties")}).");
            }

            foreach (var property in properties.EnumerateArray())
            {
                var name = property.ValueKind == JsonValueKind.Object ? RequiredString(property, "Name", Where) : null;
                if (string.IsNullOrEmpty(name) || Skipped.Contains(name) || entity.ContainsKey(name))
                {
                    throw new BackupFormatException($"Backup data has a missing, reserved or repeated property name ({Where(name ?? "Name")}).");
                }

                var type = RequiredString(property, "Type", _ => Where(name));
                if (!property.TryGetProperty("Value", out var value))
                {
                    throw new BackupFormatException($"Backup data property has no Value ({Where(name)}).");
                }

                entity[name] = ParseValue(type, value) ??
                    throw new BackupFormatException($"Backup data property value does not fit its type {type} ({Where(name)}).");
            }

            return entity;
        }
    }

    private static object? ParseValue(string type, JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        return type switch
        {
            String => text,
            Int32 => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null,
            Int64 => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
            Double => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            Boolean => value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null },
            DateTime => DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto) ? dto : null,
            Guid => System.Guid.TryParseExact(text, "D", out var g) ? g : null,
            Binary => text is not null && value.TryGetBytesFromBase64(out var bytes) ? bytes : null,
            _ => null,
        };
    }

    private static string RequiredString(JsonElement element, string name, Func<string?, string> where)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        throw new BackupFormatException($"Backup data has no string '{name}' ({where(name)}).");
    }

    /// <summary>An upper bound of the entity's size on the wire, to keep a batch under Azure's 4 MiB limit.</summary>
    public static long EstimateWireBytes(TableEntity entity)
    {
        // Strings may be escaped as \uXXXX (6 bytes a char); binary goes as base64 (4 bytes per 3).
        long size = 64 + (entity.PartitionKey.Length + entity.RowKey.Length) * 6L;
        foreach (var (name, value) in entity)
        {
            size += 64 + name.Length * 6L + value switch
            {
                string s => s.Length * 6L,
                byte[] b => (b.Length + 2) / 3 * 4L,
                _ => 64,
            };
        }

        return size;
    }
}

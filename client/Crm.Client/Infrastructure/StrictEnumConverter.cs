using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Client.Infrastructure;

/// <summary>
/// The API's one rule for enum values, in bodies, queries and the document alike: a JSON string equal to one of the
/// names the API writes ("AfterSales"), case and all. No numbers, no other casing, no padding: a client that sends
/// what it read back is always right, and a typo is a 400 rather than a guess.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    /// <summary>"One of A, B, C.": the message for a value that is not one of the names.</summary>
    public static string Rule(Type enumType) => $"One of {string.Join(", ", Enum.GetNames(enumType))}.";

    /// <summary>The value named exactly <paramref name="text"/>, or null.</summary>
    public static TEnum? Parse<TEnum>(string? text)
        where TEnum : struct, Enum =>
        text is not null && Names<TEnum>.ByName.TryGetValue(text, out var value) ? value : null;

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v.ToString(), StringComparer.Ordinal);
    }

    private sealed class Converter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Parse<TEnum>(reader.GetString()) is { } value
                ? value
                : throw new JsonException(Rule(typeof(TEnum)));

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse<TEnum>(reader.GetString()) ?? throw new JsonException(Rule(typeof(TEnum)));

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());
    }
}

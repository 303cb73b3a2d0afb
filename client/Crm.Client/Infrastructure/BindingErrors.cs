using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Crm.Client.Infrastructure;

/// <summary>
/// Says in the API's own words what ASP.NET Core's binding and System.Text.Json refused: the field as the caller
/// wrote it ("channels[0].kind") and the rule it broke, never a .NET type or parameter declaration.
/// </summary>
public static partial class BindingErrors
{
    public const string NotJson = "Not valid JSON.";
    public const string Required = "Required.";
    public const string NotNull = "A value is required.";
    public const string Text = "Text (a JSON string).";
    public const string Number = "A number.";
    public const string Array = "A JSON array.";
    public const string Object = "A JSON object.";
    public const string Date = "A date like 2026-10-01.";
    public const string DateTime = "A date and time such as 2026-10-01T09:00:00+08:00.";
    public const string NotValid = "Not a valid value.";
    public const string UnsupportedMediaType = "Send the body as JSON, with Content-Type: application/json.";
    public const string Unreadable = "The request could not be read.";
    public const string UnknownField = "Not a field of this request (see its schema in /openapi/v1.json).";

    /// <summary>The fields and messages for a binding failure; the caller sets the status.</summary>
    /// <param name="endpoint">The endpoint that refused the request: its handler's parameters and body type give each field's type.</param>
    public static Dictionary<string, string[]> Of(BadHttpRequestException exception, Endpoint? endpoint, JsonSerializerOptions options)
    {
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (exception.InnerException is JsonException json)
        {
            return Of(json, bodyType, options);
        }

        var message = exception.Message;
        if (message.StartsWith("Implicit body", StringComparison.Ordinal) || message.Contains("request body", StringComparison.Ordinal))
        {
            return Field(StrictBinding.BodyField, StrictBinding.BodyRequired);
        }

        if (ParameterPattern().Match(message) is { Success: true } parameter)
        {
            var name = parameter.Groups["name"].Value;
            var type = parameter.Groups["type"].Value;
            if (message.StartsWith("Failed to bind", StringComparison.Ordinal))
            {
                var declared = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;
                return Field(name, declared is null ? ForDeclaredType(type) : Describe(declared));
            }

            if (message.Contains("from body", StringComparison.Ordinal) || message.StartsWith("Implicit body", StringComparison.Ordinal))
            {
                return Field(StrictBinding.BodyField, StrictBinding.BodyRequired);
            }

            return Field(name, Required);
        }

        return Field(StrictBinding.BodyField, Unreadable);
    }

    /// <param name="bodyType">The type the body was read as: the field's type is found from it along the path, since
    /// the serializer's own message often names the enclosing record instead.</param>
    public static Dictionary<string, string[]> Of(JsonException exception, Type? bodyType, JsonSerializerOptions options)
    {
        var path = FieldOf(exception.Path);
        var message = exception.Message;
        if (message.StartsWith("One of ", StringComparison.Ordinal))
        {
            return Field(path, message);
        }

        if (UnmappedPattern().Match(message) is { Success: true } unmapped)
        {
            // The path usually ends with the unknown name already; say it once, as the caller wrote it.
            var name = unmapped.Groups["name"].Value;
            var field = path == StrictBinding.BodyField ? name
                : path == name || path.EndsWith("." + name, StringComparison.Ordinal) || path.EndsWith($"['{name}']", StringComparison.Ordinal) ? path
                : $"{path}.{name}";
            return Field(field, UnknownField);
        }

        if (MissingPattern().Match(message) is { Success: true } missing)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (Capture name in missing.Groups["name"].Captures)
            {
                errors[path == StrictBinding.BodyField ? name.Value : $"{path}.{name.Value}"] = [Required];
            }

            return errors;
        }

        if (message.Contains("doesn't allow", StringComparison.Ordinal) && message.Contains("null", StringComparison.Ordinal))
        {
            return Field(path, NotNull);
        }

        if (message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal) && path == StrictBinding.BodyField)
        {
            return Field(path, StrictBinding.BodyRequired);
        }

        if (ConvertPattern().IsMatch(message))
        {
            return Field(path, TypeAt(bodyType, exception.Path, options) is { } type ? Describe(type) : NotValid);
        }

        return Field(path, NotJson);
    }

    /// <summary>"$.channels[0].kind" as the caller wrote it: "channels[0].kind"; the whole body is "body".</summary>
    public static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? StrictBinding.BodyField
        : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..]
        : jsonPath.StartsWith('$') ? jsonPath[1..]
        : jsonPath;

    private static string ForDeclaredType(string type)
    {
        var bare = NullablePattern().Match(type) is { Success: true } n ? n.Groups["inner"].Value : type.TrimEnd('?');
        return bare switch
        {
            "int" or "long" or "short" or "Int32" or "Int64" => StrictBinding.WholeNumber,
            "bool" or "Boolean" => StrictBinding.TrueOrFalse,
            "DateOnly" => Date,
            "DateTimeOffset" or "DateTime" => DateTime,
            "decimal" or "double" or "float" => Number,
            _ => NotValid,
        };
    }

    /// <summary>What a JSON value of <paramref name="type"/> looks like, in the API's words.</summary>
    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => Text,
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => StrictBinding.WholeNumber,
            _ when type == typeof(bool) => StrictBinding.TrueOrFalse,
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => Number,
            _ when type == typeof(DateOnly) => Date,
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => DateTime,
            _ when type.IsEnum => StrictEnumConverter.Rule(type),
            _ when RequiredMembers.IsList(type) => Array,
            _ when type.IsClass || type.IsValueType => Object,
            _ => NotValid,
        };
    }

    /// <summary>The declared type at a JSON path ("$.channels[0].kind") below <paramref name="root"/>, or null.</summary>
    public static Type? TypeAt(Type? root, string? jsonPath, JsonSerializerOptions options)
    {
        if (root is null)
        {
            return null;
        }

        var type = root;
        foreach (Match segment in SegmentPattern().Matches(jsonPath ?? "$"))
        {
            var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            if (segment.Groups["index"].Success)
            {
                type = info.ElementType;
            }
            else
            {
                var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
                type = info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        return type;
    }

    private static Dictionary<string, string[]> Field(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    [GeneratedRegex("parameter \"(?<type>.+) (?<name>[^ \"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"missing required properties including: (?:'(?<name>[^']+)'(?:, )?)+", RegexOptions.CultureInvariant)]
    private static partial Regex MissingPattern();

    [GeneratedRegex(@"^The JSON property '(?<name>.*)' could not be mapped to any \.NET member", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex UnmappedPattern();

    [GeneratedRegex(@"could not be converted to (?<type>[^ ]+?)\.(?: |$)", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertPattern();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>[0-9]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();

    [GeneratedRegex(@"^Nullable<(?<inner>.+)>\z", RegexOptions.CultureInvariant)]
    private static partial Regex NullablePattern();
}

using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Crm.Client.Infrastructure;

/// <summary>
/// Which body fields a caller must send, read from the records themselves so the server and the document agree: a
/// constructor parameter without a default whose type cannot be null is required (a missing "kind" is a 400, not
/// Email), and null where the type has none is refused (by <see cref="StrictBinding"/>). Lists are the exception: left out, a list
/// is empty (the document says so), unless the record marks it <see cref="JsonRequiredAttribute"/>.
/// </summary>
public static class RequiredMembers
{
    public static void Apply(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            // Null where the type has none is refused by StrictBinding after reading: the serializer ignores this for
            // constructor parameters unless RespectNullableAnnotations is on, and that would also fail responses.
            var nullable = IsNullable(property);
            if (property.AssociatedParameter is { HasDefaultValue: false } && !nullable && !IsList(property.PropertyType))
            {
                property.IsRequired = true;
            }
        }
    }

    /// <summary>True when the field may hold null: Nullable&lt;T&gt;, or a reference annotated with '?'.</summary>
    public static bool IsNullable(JsonPropertyInfo property)
    {
        if (property.PropertyType.IsValueType)
        {
            return Nullable.GetUnderlyingType(property.PropertyType) is not null;
        }

        // NullabilityInfoContext is not thread-safe, and type infos may be built on several threads at once.
        var nullability = new NullabilityInfoContext();
        var state = property.AssociatedParameter?.AttributeProvider is ParameterInfo parameter
            ? nullability.Create(parameter).WriteState
            : property.AttributeProvider switch
            {
                PropertyInfo p => nullability.Create(p).WriteState,
                FieldInfo f => nullability.Create(f).WriteState,
                _ => NullabilityState.Unknown,
            };
        return state != NullabilityState.NotNull;
    }

    public static bool IsList(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && !typeof(IDictionary).IsAssignableFrom(type);
}

using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Crm.Domain.Common;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Client.Infrastructure;

/// <summary>
/// The binding rules every API endpoint shares, applied as one endpoint filter to all of them (those added later
/// too), so no handler repeats them and none can forget: a body is a JSON object (empty or null is a 400, never a
/// null reference), no text holds control characters other than line breaks and tabs (refused, not stripped, in
/// every field alike), no text or list is longer than its record's [MaxLength], query numbers are plain digits ("+5" and " 5" are not 5), page sizes are within the paging
/// rule, and enum query values follow <see cref="StrictEnumConverter"/>. Each failure names the field as the caller
/// sent it.
/// </summary>
public static class StrictBinding
{
    public const string BodyField = "body";
    public const string BodyRequired = "A JSON object is required.";
    public const string NoControlCharacters = "No control characters (line breaks and tabs are allowed).";
    public const string WholeNumber = "A whole number, digits only (such as 20).";
    public const string TrueOrFalse = "true or false.";
    public const string PageSizeParameter = "pageSize";

    public static TBuilder WithStrictBinding<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(Create);

    public static string PageSizeRule => $"Between 1 and {Paging.MaxPageSize}.";

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters();
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var body = Array.FindIndex(parameters, p => IsBody(p, services));
        var queries = parameters
            .Select((p, i) => (Parameter: p, Index: i))
            .Where(p => IsQuery(p.Parameter))
            .Select(p => (Name: p.Parameter.Name!, Type: Nullable.GetUnderlyingType(p.Parameter.ParameterType) ?? p.Parameter.ParameterType))
            .ToArray();
        return async invocation =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            CheckQuery(invocation.HttpContext.Request, queries, errors);
            if (body >= 0)
            {
                if (invocation.Arguments[body] is not { } value)
                {
                    errors[BodyField] = [BodyRequired];
                }
                else
                {
                    CheckBody(value, "", errors, 0);
                }
            }

            return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : await next(invocation);
        };
    }

    private static void CheckQuery(HttpRequest request, (string Name, Type Type)[] queries, Dictionary<string, string[]> errors)
    {
        foreach (var (name, values) in request.Query)
        {
            if (values.Any(v => v is not null && HasControl(v)))
            {
                errors[name] = [NoControlCharacters];
            }
        }

        foreach (var (name, type) in queries)
        {
            if (request.Query[name] is not { Count: > 0 } values || values[0] is not { } raw)
            {
                continue;
            }

            if (type == typeof(int) || type == typeof(long))
            {
                if (!IsPlainInteger(raw))
                {
                    errors[name] = [WholeNumber];
                }
                else if (name == PageSizeParameter && !(int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && Paging.IsValidPageSize(size)))
                {
                    errors[name] = [PageSizeRule];
                }
            }
            else if (type == typeof(bool) && raw is not ("true" or "false"))
            {
                errors[name] = [TrueOrFalse];
            }
            else if (type.IsEnum && !Enum.GetNames(type).Contains(raw, StringComparer.Ordinal))
            {
                errors[name] = [StrictEnumConverter.Rule(type)];
            }
        }
    }

    /// <summary>Digits with an optional leading '-': what a JSON number of that type looks like, nothing else.</summary>
    public static bool IsPlainInteger(string value)
    {
        var digits = value.StartsWith('-') ? value.AsSpan(1) : value.AsSpan();
        return digits.Length is > 0 and <= 19 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    public static bool HasControl(string value) => value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    /// <summary>Every string in the body (nested records and lists included) and every null where the type has none, with its JSON path.</summary>
    private static void CheckBody(object value, string path, Dictionary<string, string[]> errors, int depth)
    {
        if (depth > 16)
        {
            return;
        }

        switch (value)
        {
            case string text:
                if (HasControl(text))
                {
                    errors[path.Length == 0 ? BodyField : path] = [NoControlCharacters];
                }

                return;
            case IDictionary:
                return;
            // A default ImmutableArray (a list left out) throws when enumerated; it holds nothing to check.
            case IEnumerable when IsDefaultArray(value):
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        CheckBody(item, $"{path}[{i}]", errors, depth + 1);
                    }

                    i++;
                }

                return;
        }

        var type = value.GetType();
        if (type.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) != true || type.IsEnum)
        {
            return;
        }

        var nullability = new NullabilityInfoContext();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var at = path.Length == 0 ? name : $"{path}.{name}";
            if (property.GetValue(value) is { } member)
            {
                if (property.GetCustomAttribute<MaxLengthAttribute>() is { } max && TooLong(member, max.Length) is { } message)
                {
                    errors[at] = [message];
                    continue;
                }

                if (property.GetCustomAttribute<Crm.Contracts.Common.ItemMaxLengthAttribute>() is { } itemMax && member is IEnumerable<string> texts && !IsDefaultArray(member))
                {
                    var index = 0;
                    foreach (var text in texts)
                    {
                        if (text is not null && TooLong(text, itemMax.Length) is { } tooLong)
                        {
                            errors[$"{at}[{index}]"] = [tooLong];
                        }

                        index++;
                    }
                }

                CheckBody(member, at, errors, depth + 1);
            }
            else if (!property.PropertyType.IsValueType && nullability.Create(property).ReadState == NullabilityState.NotNull)
            {
                errors[at] = [BindingErrors.NotNull];
            }
        }
    }

    /// <summary>The parameter minimal APIs read from the JSON body: [FromBody], or a complex type that is not a service.</summary>
    private static bool IsBody(ParameterInfo parameter, IServiceProviderIsService? services)
    {
        var attributes = parameter.GetCustomAttributes().ToList();
        if (attributes.Any(a => a is IFromBodyMetadata))
        {
            return true;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (attributes.Any(a => a is IFromRouteMetadata or IFromQueryMetadata or IFromHeaderMetadata or IFromServiceMetadata or IFromFormMetadata)
            || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateOnly)
            || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(CancellationToken) || typeof(HttpContext).IsAssignableFrom(type)
            || type == typeof(HttpRequest) || type == typeof(HttpResponse) || type == typeof(System.Security.Claims.ClaimsPrincipal)
            || type.IsInterface || services?.IsService(type) == true
            || type.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static) is not null
            || type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]) is not null)
        {
            return false;
        }

        return type.IsClass || type.IsValueType;
    }

    // Route values share the shape (a simple type without an attribute); only the query is read for them, so that is harmless.
    /// <summary>The [MaxLength] a record declares (the document shows it as maxLength or maxItems), checked here.</summary>
    private static string? TooLong(object value, int max) => value switch
    {
        string text when text.Length > max => $"At most {max} characters.",
        ICollection items when !IsDefaultArray(value) && items.Count > max => $"At most {max} items.",
        _ => null,
    };

    private static bool IsDefaultArray(object value) => value.GetType().GetProperty("IsDefault")?.GetValue(value) is true;

    private static bool IsQuery(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttributes().Any(a => a is IFromQueryMetadata))
        {
            return true;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var simple = type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateOnly);
        var fromElsewhere = parameter.GetCustomAttributes().Any(a => a is IFromRouteMetadata or IFromHeaderMetadata or IFromBodyMetadata or IFromServiceMetadata or IFromFormMetadata);
        return simple && !fromElsewhere;
    }
}

using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>One request the fuzzer built; <see cref="Must4xx"/> says a correct server refuses it.</summary>
public sealed record FuzzCase(string Kind, string Method, string Path, byte[]? Body, string? ContentType, string? IfMatch, bool Must4xx)
{
    public string Excerpt
    {
        get
        {
            if (Body is null)
            {
                return "(no body)";
            }

            var text = Encoding.UTF8.GetString(Body);
            return $"{ContentType ?? "no content type"}, {Body.Length} bytes: {(text.Length > 160 ? text[..160] + "…" : text)}";
        }
    }

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path.TrimStart('/'));
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        if (IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        }

        return request;
    }
}

/// <summary>
/// Builds malformed and random requests for an API endpoint from a seeded <see cref="Random"/>, so a failing run
/// replays exactly with the same seed. Bodies are JSON text written by hand, so they can hold what a serializer
/// never writes: numbers out of range, lone surrogates, duplicated properties, invalid UTF-8.
/// </summary>
public sealed class RequestFuzzer(Random random, string tenantId, string customerId, string username)
{
    /// <summary>
    /// The field of each creating body type that the fuzzer always makes invalid, so a fuzzed create or update can never
    /// succeed and the test can insist that nothing was stored.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> AlwaysInvalidField = new Dictionary<string, string>
    {
        ["CustomerProfile"] = "displayName",
        ["NewUserRequest"] = "username",
        ["NewTenantRequest"] = "tenantId",
    };

    private static readonly string[] NastyStrings =
    [
        "", " ", "\t\r\n ", "\u0000", "\u0001\u0007\u001b[31m\u007f", new string('x', 10_000), "客户名称 测试", "\u202Eevil\u202C",
        "שלום עולם", "مرحبا", "😀👍🏽🏳️‍🌈", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE customers;--",
        "../../etc/passwd", "%00", "%2F..%2F", "NoSuchValue", "Vip", "Email", "TenantAdmin", "PlatformOperator", "123", "-1", "1e400",
        "null", "true", "=cmd|' /C calc'!A0", "\\", "a\u0000b", "{}", "[]", "x@y", "+86 138 0000 0000", "ﬀ", "İ", "\uFEFF",
    ];

    private static readonly string[] Garbage =
    [
        "null", "0", "-1", "1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "1.5", "true", "false", "[]", "{}",
        "[null]", "{\"a\":1}", "\"\"", "\"\\ud800\"", "[[[]]]", "\"2\"",
    ];

    public FuzzCase Malformed(string method, string path, Type bodyType)
    {
        var invalid = AlwaysInvalidField.ContainsKey(bodyType.Name);
        var fields = JsonNames(bodyType);
        var field = fields.Count > 0 ? Pick(fields) : "x";
        var baseBody = ObjectFor(bodyType, 0);
        const string json = "application/json";
        return random.Next(12) switch
        {
            0 => Case("truncated", baseBody[..random.Next(1, Math.Max(2, baseBody.Length - 1))], json),
            1 => Case("trailing garbage", baseBody + Pick([" x", "}", "]]", ",{}", "\u0000", " {\"a\":1}"]), json),
            2 => Case("wrong top-level type", Pick(["[]", "123", "\"text\"", "null", "true", "[" + baseBody + "]"]), json),
            3 => new FuzzCase("invalid UTF-8", method, path,
                [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\""), 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, .. "\"}"u8.ToArray()], json, null, true),
            4 => Case("deeply nested", random.Next(2) == 0
                ? new string('[', 1000) + new string(']', 1000)
                : $"{{\"{field}\":{new string('[', 1000)}{new string(']', 1000)}}}", json),
            5 => Case("300 KiB string", $"{{\"{field}\":\"{new string('a', 300 * 1024)}\"}}", json),
            // Duplicates are legal JSON (the last one wins); the body stays refused only where a field is always invalid.
            6 => Case("duplicated properties", $"{{\"{field}\":\"first\",{baseBody[1..]}", json) with { Must4xx = invalid },
            7 => Case("number out of range", $"{{\"{field}\":{Pick(["1e400", "9223372036854775808", "-9223372036854775809", "1.5e308e1"])}}}", json),
            8 => Case("wrong content type", baseBody, Pick(["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data"])),
            9 => Case("no content type", baseBody, null),
            10 => Case("empty body", "", json),
            _ => Case("comments and single quotes", $"{{/* c */ '{field}': 'x', }}", json),
        };

        FuzzCase Case(string kind, string body, string? contentType) =>
            new(kind, method, path, Encoding.UTF8.GetBytes(body), contentType, null, true);
    }

    /// <summary>A well-formed body whose known fields hold random, mostly wrong, values.</summary>
    public FuzzCase RandomFields(string method, string path, Type bodyType) =>
        new("random fields", method, path, Encoding.UTF8.GetBytes(ObjectFor(bodyType, 0)), "application/json",
            method == "PUT" ? RandomIfMatch() : null, AlwaysInvalidField.ContainsKey(bodyType.Name));

    /// <summary>The route's ids and the query replaced by random values; a body (random fields) where the endpoint reads one.</summary>
    public FuzzCase RandomRoute(string method, string pattern, Type? bodyType)
    {
        var path = pattern
            .Replace("{tenantId}", tenantId)
            .Replace("{customerId}", random.Next(3) == 0 ? customerId : RouteValue())
            .Replace("{username}", random.Next(3) == 0 ? username : RouteValue());
        var query = new List<string>();
        if (random.Next(2) == 0)
        {
            query.Add("pageSize=" + Uri.EscapeDataString(Pick(["0", "-5", "1", "100", "101", "2147483648", "1000000", "abc", "1e400", "", "20", "½"])));
        }

        if (random.Next(2) == 0)
        {
            query.Add("continuationToken=" + Uri.EscapeDataString(RandomString(limit: 300)));
        }

        if (random.Next(3) == 0)
        {
            query.Add("targetType=" + Uri.EscapeDataString(Pick(["Customer", "User", "Tenant", "NoSuchType", "99", "-1", "", "customer"])));
        }

        if (random.Next(3) == 0)
        {
            query.Add("targetId=" + Uri.EscapeDataString(random.Next(2) == 0 ? customerId : RandomString(limit: 300)));
        }

        if (query.Count > 0)
        {
            path += "?" + string.Join('&', query);
        }

        return bodyType is null
            ? new FuzzCase("random route", method, path, null, null, null, false)
            : RandomFields(method, path, bodyType) with { Kind = "random route and fields" };
    }

    private string RouteValue() => random.Next(4) == 0 ? new string('a', random.Next(60, 70)) : Uri.EscapeDataString(RandomString(limit: 300));

    private string? RandomIfMatch() =>
        random.Next(3) == 0 ? null : Pick(["*", "\"0\"", "\"1\"", "W/\"1\"", "\"abc\"", "\"99999999999999999999\"", "\"-1\"", "\"\"", "1"]);

    private string ObjectFor(Type type, int depth)
    {
        AlwaysInvalidField.TryGetValue(type.Name, out var mustBeInvalid);
        var members = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (name == mustBeInvalid)
            {
                members.Add($"\"{name}\":{InvalidValueFor(name)}");
            }
            else if (random.Next(6) != 0)
            {
                members.Add($"\"{name}\":{ValueFor(property.PropertyType, depth + 1)}");
            }
        }

        // Fields the type does not have are ignored by default; send some to see that stays harmless.
        if (random.Next(5) == 0)
        {
            members.Add($"\"{Pick(["$type", "__proto__", "isPlatformOperator", "version", "tenantId"])}\":{ValueFor(typeof(string), depth + 1)}");
        }

        Shuffle(members, mustBeInvalid);
        return "{" + string.Join(',', members) + "}";
    }

    /// <summary>Keeps the always-invalid field last, so that a duplicated property cannot override it.</summary>
    private void Shuffle(List<string> members, string? keepLast)
    {
        var last = keepLast is null ? -1 : members.FindIndex(m => m.StartsWith($"\"{keepLast}\":", StringComparison.Ordinal));
        string? kept = null;
        if (last >= 0)
        {
            kept = members[last];
            members.RemoveAt(last);
        }

        for (var i = members.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (members[i], members[j]) = (members[j], members[i]);
        }

        if (kept is not null)
        {
            members.Add(kept);
        }
    }

    private string InvalidValueFor(string field) => field switch
    {
        "displayName" => Pick(["null", "\"\"", "\"   \"", "\"\\t\\n\"", Json(new string('n', 201)), Json(new string('名', 10_000)), "12", "[]", "{}", "true"]),
        "username" => Pick(["null", "\"\"", "\"a\"", "\"has space\"", "\"bang!\"", "\"../x\"", "\"用户\"", Json(new string('u', 65)), "\"-lead\"", "7", "[]"]),
        "tenantId" => Pick(["null", "\"\"", "\"UPPER\"", "\"with space\"", "\"-lead\"", "\"trail-\"", "\"a/b\"", Json(new string('t', 41)), "\"租户\"", "5", "{}"]),
        _ => "null",
    };

    private string ValueFor(Type type, int depth)
    {
        if (random.Next(4) == 0 || depth > 4)
        {
            return Pick(Garbage);
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return StringLiteral();
        }

        if (type.IsEnum)
        {
            return Pick([Json(Pick(Enum.GetNames(type))), "\"NoSuchValue\"", "99", "-1", "\"2\"", Json(Pick(Enum.GetNames(type)).ToLowerInvariant()), "\"\"", "2147483648"]);
        }

        if (type == typeof(bool))
        {
            return Pick(["true", "false", "\"true\"", "1"]);
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return Pick(["0", "-1", "2147483648", "1e400", "\"5\"", random.Next().ToString(CultureInfo.InvariantCulture)]);
        }

        if (ElementType(type) is { } element)
        {
            var count = random.Next(8) == 0 ? random.Next(20, 30) : random.Next(0, 4);
            return "[" + string.Join(',', Enumerable.Range(0, count).Select(_ => ValueFor(element, depth + 1))) + "]";
        }

        return type.IsClass && type.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) == true ? ObjectFor(type, depth) : Pick(Garbage);
    }

    private string StringLiteral() => random.Next(8) switch
    {
        0 => "\"\\ud800 lone surrogate\"",
        1 => "\"\\udfff\\ud800\"",
        2 => Json("plausible value " + random.Next(1000)),
        _ => Json(RandomString(limit: int.MaxValue)),
    };

    private string RandomString(int limit)
    {
        var value = random.Next(3) == 0
            ? new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0x20, 0x7F))])
            : Pick(NastyStrings);
        return value.Length > limit ? value[..limit] : value;
    }

    private static Type? ElementType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;

    private static List<string> JsonNames(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    private static string Json(string value) => JsonSerializer.Serialize(value);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

using System.Text;

namespace Crm.Storage.AzureTables;

/// <summary>
/// Reversible encoding of arbitrary strings into Azure Tables PartitionKey/RowKey values.
/// Azure forbids <c>/ \ # ?</c> and control characters in keys; Orleans' own provider maps them to '_', so
/// "a/b" and "a_b" collide. Here each forbidden character, and the escape character '%' itself, becomes
/// "%XX" (its UTF-16 code as two hex digits), so distinct inputs always give distinct keys.
/// </summary>
public static class TableKey
{
    /// <summary>Azure's limit for one key property, in UTF-16 characters (1 KiB).</summary>
    public const int MaxLength = 1024;

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var needs = false;
        foreach (var c in value)
        {
            if (MustEscape(c))
            {
                needs = true;
                break;
            }
        }

        var escaped = value;
        if (needs)
        {
            var builder = new StringBuilder(value.Length + 16);
            foreach (var c in value)
            {
                if (MustEscape(c))
                {
                    builder.Append('%').Append(((int)c).ToString("X2"));
                }
                else
                {
                    builder.Append(c);
                }
            }

            escaped = builder.ToString();
        }

        if (escaped.Length > MaxLength)
        {
            throw new ArgumentException(
                $"The key '{Truncate(value)}' is {escaped.Length} characters once encoded; Azure Tables keys hold at most {MaxLength}.",
                nameof(value));
        }

        return escaped;
    }

    public static string Unescape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('%'))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%')
            {
                if (i + 2 >= key.Length)
                {
                    throw new FormatException($"Truncated escape in table key '{key}'.");
                }

                builder.Append((char)Convert.ToInt32(key.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }

        return builder.ToString();
    }

    // Every character escaped is at most U+009F, so two hex digits always suffice.
    private static bool MustEscape(char c) =>
        c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c);

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}

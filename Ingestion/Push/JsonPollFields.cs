using System.Text;
using System.Text.Json;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Push;

/// <summary>
/// The three values of one pushed JSON poll object, as the UTF-8 bytes the CSV reader would see (unescaped, spaces
/// and tabs trimmed), named by their property for <see cref="PollFields"/>. Other properties are ignored, as extra
/// CSV columns are. A missing or <c>null</c> value is empty (so "missing …").
/// </summary>
internal sealed class JsonPollFields : IFieldText
{
    public static readonly PollFields.Positions Positions = new(0, 1, 2);

    private static readonly string[] Names = ["store_id", "status", "timestamp_utc"];

    private readonly byte[][] _values = [[], [], []];

    private JsonPollFields()
    {
    }

    public ReadOnlySpan<byte> this[int field] => _values[field];

    public string Name(int field) => Names[field];

    public string Quote(int field) => FieldQuote.Of(Names[field], _values[field]);

    /// <summary>The fields of <paramref name="item"/>, or null with why the item as a whole cannot be a poll.</summary>
    public static JsonPollFields? Read(JsonElement item, out string? problem)
    {
        problem = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem = $"not a JSON object but {Kind(item.ValueKind)}";
            return null;
        }

        var fields = new JsonPollFields();
        var seen = new bool[Names.Length];
        foreach (var property in item.EnumerateObject())
        {
            var field = Array.IndexOf(Names, property.Name);
            if (field < 0)
            {
                continue;
            }

            if (seen[field])
            {
                // As a CSV header may not name a column twice: which value is meant cannot be told.
                problem = $"property '{property.Name}' appears more than once";
                return null;
            }

            seen[field] = true;
            if (Value(property.Value, field) is not { } value)
            {
                problem = field == Positions.StoreId
                    ? $"{Names[field]} must be a JSON string or integer, not {Kind(property.Value.ValueKind)}"
                    : $"{Names[field]} must be a JSON string, not {Kind(property.Value.ValueKind)}";
                return null;
            }

            fields._values[field] = value;
        }

        return fields;
    }

    /// <summary>The value's bytes; null when its JSON kind cannot be this field.</summary>
    private static byte[]? Value(JsonElement value, int field)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.String:
                // Unescaped to UTF-8 as a CSV field is; an escaped lone surrogate has no UTF-8 and reads as an invalid byte,
                // so the store id rule names it as not valid UTF-8 instead of merging it into U+FFFD.
                return Unescaped(value).AsSpan().Trim(" \t"u8).ToArray();
            case JsonValueKind.Number when field == Positions.StoreId && IsInteger(value.GetRawText()):
                // 64-bit store ids are often sent as numbers; the digits as written are the id (no float rounding).
                return Encoding.UTF8.GetBytes(value.GetRawText());
            default:
                return null;
        }
    }

    private static byte[] Unescaped(JsonElement value)
    {
        try
        {
            return Encoding.UTF8.GetBytes(value.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return [0xFF];
        }
    }

    private static bool IsInteger(string raw) =>
        raw.Length > 0 && raw.AsSpan(raw[0] == '-' ? 1 : 0) is { Length: > 0 } digits && !digits.ContainsAnyExceptInRange('0', '9');

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}

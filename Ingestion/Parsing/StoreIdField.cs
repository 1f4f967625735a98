using System.Text;
using System.Text.Unicode;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// The <c>store_id</c> column of every file, checked against <see cref="StoreIds"/> on the raw UTF-8 bytes so that
/// the millions of valid rows cost no decoding. A pushed poll's id is judged by the same rules (<see cref="Problem"/>).
/// </summary>
internal static class StoreIdField
{
    /// <summary>True when the current record's id can be a store id; otherwise rejects the row, saying why.</summary>
    public static bool Check<TRow>(CsvTable<TRow> table, int column)
    {
        if (Problem(table[column], table, column) is { } reason)
        {
            table.Reject(reason);
            return false;
        }

        return true;
    }

    /// <summary>Null when <paramref name="id"/> (raw UTF-8, trimmed) can be a store id; otherwise why not.</summary>
    public static string? Problem(ReadOnlySpan<byte> id, IFieldText text, int field)
    {
        if (id.IsEmpty)
        {
            return $"missing {text.Name(field)}";
        }

        if (!Utf8.IsValid(id))
        {
            // Decoding would turn every bad byte into U+FFFD, merging different ids into one store.
            return $"{text.Quote(field)} is not valid UTF-8";
        }

        if (FirstControlCharacter(id) is { } control)
        {
            // It would be written raw into reports and logs, and no URL could name it.
            return $"{text.Name(field)} contains the control character {StoreIds.CodePoint(control)}";
        }

        if (id.Length > StoreIds.MaxUtf8Bytes)
        {
            return $"{text.Quote(field)} is {id.Length} bytes long; at most {StoreIds.MaxUtf8Bytes} are allowed";
        }

        if (id is [(byte)'.'] or [(byte)'.', (byte)'.'])
        {
            // A URL path cannot name it: clients and servers resolve it as a dot segment.
            return $"{text.Quote(field)} cannot be a store id: a URL cannot name it";
        }

        // Spaces and tabs are trimmed already; only other Unicode spaces (which all start above ASCII) remain.
        return id[0] >= 0x80 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(id)) ? $"missing {text.Name(field)}" : null;
    }

    /// <summary>The first C0 control, DEL, or C1 control (UTF-8 <c>C2 80</c> to <c>C2 9F</c>) in valid UTF-8.</summary>
    private static int? FirstControlCharacter(ReadOnlySpan<byte> utf8)
    {
        var ascii = utf8.IndexOfAnyInRange((byte)0x00, (byte)0x1F);
        var delete = utf8.IndexOf((byte)0x7F);
        var first = ascii < 0 ? delete : delete < 0 ? ascii : Math.Min(ascii, delete);
        for (var i = utf8.IndexOf((byte)0xC2); i >= 0 && i + 1 < utf8.Length && (first < 0 || i < first); i = Next(utf8, i))
        {
            if (utf8[i + 1] is >= 0x80 and <= 0x9F)
            {
                return utf8[i + 1];
            }
        }

        return first < 0 ? null : utf8[first];
    }

    private static int Next(ReadOnlySpan<byte> utf8, int i) =>
        utf8[(i + 1)..].IndexOf((byte)0xC2) is var offset and >= 0 ? i + 1 + offset : -1;
}

using System.Text;
using System.Text.Unicode;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// The <c>store_id</c> column of every file, checked against <see cref="StoreIds"/> on the raw UTF-8 bytes so that
/// the millions of valid rows cost no decoding.
/// </summary>
internal static class StoreIdField
{
    /// <summary>True when the current record's id can be a store id; otherwise rejects the row, saying why.</summary>
    public static bool Check<TRow>(CsvTable<TRow> table, int column)
    {
        var id = table[column];
        if (id.IsEmpty)
        {
            table.RejectMissing(column);
        }
        else if (!Utf8.IsValid(id))
        {
            // Decoding would turn every bad byte into U+FFFD, merging different ids into one store.
            table.Reject($"{table.Quote(column)} is not valid UTF-8");
        }
        else if (FirstControlCharacter(id) is { } control)
        {
            // It would be written raw into reports and logs, and no URL could name it.
            table.Reject($"{table.Name(column)} contains the control character {StoreIds.CodePoint(control)}");
        }
        else if (id.Length > StoreIds.MaxUtf8Bytes)
        {
            table.Reject($"{table.Quote(column)} is {id.Length} bytes long; at most {StoreIds.MaxUtf8Bytes} are allowed");
        }
        else if (id is [(byte)'.'] or [(byte)'.', (byte)'.'])
        {
            // A URL path cannot name it: clients and servers resolve it as a dot segment.
            table.Reject($"{table.Quote(column)} cannot be a store id: a URL cannot name it");
        }
        else if (id[0] >= 0x80 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(id)))
        {
            // Spaces and tabs are trimmed already; only other Unicode spaces (which all start above ASCII) remain.
            table.RejectMissing(column);
        }
        else
        {
            return true;
        }

        return false;
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

using System.Text;

namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// Reads one CSV row of a report back into its store id and values: the store id unquoted (RFC 4180) and without the
/// apostrophe the file puts before a leading <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return; each value
/// the bytes of a number (<c>60.00</c>), or empty where a share has no business time.
/// </summary>
public static class ReportRowFields
{
    /// <summary>The store id, and where in <paramref name="row"/> the values start (after the comma; the row's length when none).</summary>
    public static (string StoreId, int ValuesStart) StoreId(ReadOnlySpan<byte> row)
    {
        string field;
        int end;
        if (!row.IsEmpty && row[0] == (byte)'"')
        {
            var text = new StringBuilder();
            var at = 1;
            while (at < row.Length)
            {
                var close = row[at..].IndexOf((byte)'"');
                if (close < 0)
                {
                    throw new FormatException("A quoted store id has no closing quote.");
                }

                text.Append(Encoding.UTF8.GetString(row.Slice(at, close)));
                at += close + 1;
                if (at < row.Length && row[at] == (byte)'"')
                {
                    text.Append('"');
                    at++;
                    continue;
                }

                break;
            }

            field = text.ToString();
            end = at;
        }
        else
        {
            end = row.IndexOfAny((byte)',', (byte)'\n');
            end = end < 0 ? row.Length : end;
            field = Encoding.UTF8.GetString(row[..end]);
        }

        var guarded = field.Length > 1 && field[0] == '\'' && field[1] is '=' or '+' or '-' or '@' or '\t' or '\r';
        return (guarded ? field[1..] : field, Math.Min(end + 1, row.Length));
    }

    /// <summary>Calls <paramref name="value"/> with each value's index and bytes (empty for an empty value).</summary>
    public static void Values(ReadOnlySpan<byte> row, int valuesStart, ValueVisitor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var rest = row[valuesStart..];
        if (!rest.IsEmpty && rest[^1] == (byte)'\n')
        {
            rest = rest[..^1];
        }

        for (var index = 0; ; index++)
        {
            var comma = rest.IndexOf((byte)',');
            value(index, comma < 0 ? rest : rest[..comma]);
            if (comma < 0)
            {
                return;
            }

            rest = rest[(comma + 1)..];
        }
    }

    public delegate void ValueVisitor(int index, ReadOnlySpan<byte> value);
}

using System.Globalization;
using System.Text;

namespace StoreMonitor.Ingestion.Runs;

/// <summary>
/// A run's rejected rows as a CSV an operator can open, filter and fix from: <c>file,line,reason,raw</c>, in file
/// order. Fields are quoted per RFC 4180 where needed, and a field a spreadsheet would run as a formula is made text.
/// The file is bounded in bytes (<see cref="MaxBytes"/>), not only in rows: it is stored in the run's grain and sent in
/// one grain call, which must stay far below the cluster's message size however broken the input is.
/// </summary>
internal static class RejectsCsv
{
    public const string Header = "file,line,reason,raw";

    /// <summary>The most the rejects file holds; the rows past it are counted in a last line instead.</summary>
    public const int MaxBytes = 8 << 20;

    public static byte[] Build(IEnumerable<FileTally> tallies)
    {
        var csv = new StringBuilder(Header).Append('\n');
        var full = false;
        foreach (var tally in tallies)
        {
            var listed = 0;
            foreach (var rejection in tally.Rejections)
            {
                // Characters bound UTF-8 bytes from below; the check before each row keeps the file under the limit
                // with room for the rows that say what was left out.
                if (full || Encoding.UTF8.GetMaxByteCount(csv.Length) > MaxBytes - (64 << 10))
                {
                    full = true;
                    break;
                }

                listed++;
                AppendField(csv, Path.GetFileName(rejection.File));
                csv.Append(',').Append(rejection.Line.ToString(CultureInfo.InvariantCulture)).Append(',');
                AppendField(csv, rejection.Reason);
                csv.Append(',');
                AppendField(csv, rejection.Raw ?? "");
                csv.Append('\n');
            }

            if (tally.Rejected > listed)
            {
                AppendField(csv, Path.GetFileName(tally.File));
                csv.Append(",,");
                AppendField(csv, $"{tally.Rejected - listed:N0} more rejected rows are not listed");
                csv.Append(",\n");
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static void AppendField(StringBuilder csv, string value)
    {
        // A spreadsheet would run a cell starting with these as a formula; the apostrophe makes it text.
        var guard = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var quote = guard || value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!quote)
        {
            csv.Append(value);
            return;
        }

        csv.Append('"');
        if (guard)
        {
            csv.Append('\'');
        }

        csv.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}

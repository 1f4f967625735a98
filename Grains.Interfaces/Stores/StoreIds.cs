using System.Text;

namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>
/// What a store id may be, the same at ingestion and at the API: an id the CSV accepts can always be named in a URL,
/// used as a grain key and written into a report.
/// </summary>
public static class StoreIds
{
    /// <summary>Real ids are 64-bit integers or UUIDs (under 40 bytes); the limit keeps keys, URLs and log lines sane.</summary>
    public const int MaxUtf8Bytes = 256;

    /// <summary>Why <paramref name="id"/> cannot be a store id, or null when it can.</summary>
    public static string? Problem(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (string.IsNullOrWhiteSpace(id))
        {
            return "a store id cannot be empty or only spaces";
        }

        if (id[0] is ' ' or '\t' || id[^1] is ' ' or '\t')
        {
            // Ingestion trims spaces and tabs, so no stored id starts or ends with one.
            return "a store id never starts or ends with a space or tab";
        }

        if (id is "." or "..")
        {
            // A URL path cannot name it: clients and servers resolve it as a dot segment.
            return "a store id cannot be '.' or '..'";
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return $"a store id cannot contain the control character {CodePoint(c)}";
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(id);
        return bytes > MaxUtf8Bytes ? $"a store id is at most {MaxUtf8Bytes} bytes long (UTF-8); this one is {bytes}" : null;
    }

    /// <summary>How a reason names a control character: <c>U+0000</c>.</summary>
    public static string CodePoint(int c) => $"U+{c:X4}";
}

using System.Text;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>The <c>status</c> column: <c>active</c> or <c>inactive</c>, ignoring case and surrounding spaces.</summary>
internal static class PollStatusText
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, out PollStatus status)
    {
        var text = utf8.Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(text, "active"u8))
        {
            status = PollStatus.Active;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(text, "inactive"u8))
        {
            status = PollStatus.Inactive;
            return true;
        }

        status = default;
        return false;
    }
}

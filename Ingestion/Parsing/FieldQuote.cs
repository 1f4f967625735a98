using System.Text;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>A field quoted in a rejection reason, as <c>name 'value'</c>, long values cut.</summary>
internal static class FieldQuote
{
    /// <summary>Longer values are cut: a reason is read by a person, and a bad field can be huge.</summary>
    public const int MaxQuotedLength = 80;

    public static string Of(string name, ReadOnlySpan<byte> utf8)
    {
        var value = Encoding.UTF8.GetString(utf8);
        return value.Length > MaxQuotedLength
            ? $"{name} '{value[..MaxQuotedLength]}…'"
            : $"{name} '{value}'";
    }
}

using System.Globalization;
using System.Text;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// What a report shows beyond its time (docs/REPORTS.md): its windows in column order (null: the SPEC windows), only
/// the stores named or those whose id starts with a prefix (neither: every store), and whether each window's uptime is
/// also given as a share of its business time. A report with none of them is exactly the SPEC report.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportOptions")]
public sealed record ReportOptions(
    [property: Id(0)] UptimeWindow[]? Windows = null,
    [property: Id(1)] string[]? StoreIds = null,
    [property: Id(2)] string? StorePrefix = null,
    [property: Id(3)] bool IncludePercent = false)
{
    /// <summary>The most windows a report has: each adds two or three columns and a few additions per piece of time.</summary>
    public const int MaxWindows = 16;

    /// <summary>The most store ids a report names.</summary>
    public const int MaxStores = 10_000;

    /// <summary>The SPEC report: the last hour, day and week of every store, no shares.</summary>
    public static ReportOptions Spec { get; } = new();

    /// <summary>Whether the report is exactly the SPEC report (the SPEC windows in their order, every store, no shares),
    /// computed and written as it always was, and shared with any other such report.</summary>
    public bool IsSpecReport => !SelectsStores && HasSpecColumns;

    /// <summary>Whether the report has the SPEC report's columns (the SPEC windows in their order, no shares), whatever
    /// stores it selects: its rows are then the SPEC report's rows of those stores.</summary>
    public bool HasSpecColumns => !IncludePercent && (Windows is null || Windows.SequenceEqual(UptimeWindow.Spec));

    /// <summary>Whether only some stores are asked for.</summary>
    public bool SelectsStores => StoreIds is not null || StorePrefix is not null;

    /// <summary>The windows in column order.</summary>
    public IReadOnlyList<UptimeWindow> EffectiveWindows => Windows ?? UptimeWindow.Spec;

    /// <summary>The report's columns.</summary>
    public ReportLayout Layout() => new(EffectiveWindows, IncludePercent);

    /// <summary>
    /// The options as text that is equal exactly when two reports' rows are (part of a report's fingerprint): empty for
    /// the SPEC report, so its fingerprint is what it always was.
    /// </summary>
    public string Canonical()
    {
        if (IsSpecReport)
        {
            return string.Empty;
        }

        var text = new StringBuilder(";windows=");
        foreach (var window in EffectiveWindows)
        {
            text.Append(window.Kind == UptimeWindowKind.Range
                ? string.Create(CultureInfo.InvariantCulture, $"{window.Name}:{window.From.ToUnixTimeTicks()}:{window.To.ToUnixTimeTicks()},")
                : $"{window.Name},");
        }

        text.Append(CultureInfo.InvariantCulture, $";percent={IncludePercent}");
        if (StorePrefix is not null)
        {
            text.Append(";prefix=").Append(StorePrefix.Length).Append(':').Append(StorePrefix);
        }

        if (StoreIds is not null)
        {
            // Ids are prefixed with their lengths, so no id can pass for two.
            text.Append(";stores=");
            foreach (var id in StoreIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                text.Append(id.Length).Append(':').Append(id);
            }
        }

        return text.ToString();
    }
}

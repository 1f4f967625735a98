using System.Text.Json.Serialization;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// A report's options as its status echoes them, in the form <c>trigger_report</c> takes them: each window by name, or
/// a range as <c>{"name", "from", "to"}</c>; the stores named or the prefix; whether shares are included.
/// <c>store_count</c> says how many stores were named; a list of reports shows only the first
/// <see cref="ListedStores"/> of them, so listing reports stays small however many stores each names.
/// </summary>
public sealed record ReportOptionsView(
    object[] Windows,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Stores,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? StoreCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StorePrefix,
    bool IncludePercent)
{
    /// <summary>The named stores <c>GET /reports</c> shows of each report.</summary>
    public const int ListedStores = 10;

    /// <summary>Null for the SPEC report (no options). <paramref name="maxStores"/>: how many of the named stores to show.</summary>
    public static ReportOptionsView? From(ReportOptions? options, int maxStores = int.MaxValue) => options is null ? null : new(
        [.. options.EffectiveWindows.Select(Window)],
        options.StoreIds is { } ids ? ids[..Math.Min(ids.Length, maxStores)] : null,
        options.StoreIds?.Length,
        options.StorePrefix,
        options.IncludePercent);

    private static object Window(UptimeWindow window) =>
        window.Kind == UptimeWindowKind.Range ? new RangeView(window.Name, IsoInstant.Format(window.From), IsoInstant.Format(window.To)) : window.Name;
}

/// <summary>A named range as <c>trigger_report</c> takes it.</summary>
public sealed record RangeView(string Name, string From, string To);

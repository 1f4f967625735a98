using System.Text.Json.Serialization;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// A report's options as its status echoes them, in the form <c>trigger_report</c> takes them: each window by name, or
/// a range as <c>{"name", "from", "to"}</c>; the stores named or the prefix; whether shares are included.
/// </summary>
public sealed record ReportOptionsView(
    object[] Windows,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Stores,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StorePrefix,
    bool IncludePercent)
{
    /// <summary>Null for the SPEC report (no options).</summary>
    public static ReportOptionsView? From(ReportOptions? options) => options is null ? null : new(
        [.. options.EffectiveWindows.Select(Window)],
        options.StoreIds,
        options.StorePrefix,
        options.IncludePercent);

    private static object Window(UptimeWindow window) =>
        window.Kind == UptimeWindowKind.Range ? new RangeView(window.Name, IsoInstant.Format(window.From), IsoInstant.Format(window.To)) : window.Name;
}

/// <summary>A named range as <c>trigger_report</c> takes it.</summary>
public sealed record RangeView(string Name, string From, string To);

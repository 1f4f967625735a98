using System.Text.RegularExpressions;
using NodaTime;

namespace StoreMonitor.Engine.Model;

/// <summary>
/// One window of a report (docs/REPORTS.md#windows, SPEC R2 and R10): a fixed span before the report time (the last
/// hour, day, week, month = 720 h or quarter = 2160 h), or a named range <c>[From, To)</c> of UTC instants.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.UptimeWindow")]
public readonly partial record struct UptimeWindow(
    [property: Id(0)] UptimeWindowKind Kind,
    [property: Id(1)] string Name,
    [property: Id(2)] Instant From = default,
    [property: Id(3)] Instant To = default)
{
    /// <summary>The longest named range: long enough for a year and a bit, short enough to bound a report's cost.</summary>
    public static readonly Duration MaxRangeLength = Duration.FromDays(400);

    public const int MaxNameLength = 32;

    public static UptimeWindow Hour { get; } = new(UptimeWindowKind.Hour, "hour");

    public static UptimeWindow Day { get; } = new(UptimeWindowKind.Day, "day");

    public static UptimeWindow Week { get; } = new(UptimeWindowKind.Week, "week");

    public static UptimeWindow Month { get; } = new(UptimeWindowKind.Month, "month");

    public static UptimeWindow Quarter { get; } = new(UptimeWindowKind.Quarter, "quarter");

    /// <summary>The SPEC report's windows, in its column order.</summary>
    public static IReadOnlyList<UptimeWindow> Spec { get; } = [Hour, Day, Week];

    /// <summary>The fixed windows by the name a request gives them.</summary>
    public static IReadOnlyList<UptimeWindow> Fixed { get; } = [Hour, Day, Week, Month, Quarter];

    /// <summary>A named range; the caller has checked it with <see cref="RangeProblem"/>.</summary>
    public static UptimeWindow Range(string name, Instant from, Instant to) =>
        RangeProblem(name, from, to) is { } problem ? throw new ArgumentException(problem) : new(UptimeWindowKind.Range, name, from, to);

    /// <summary>Why <c>[from, to)</c> named <paramref name="name"/> is no range a report can have, or null.</summary>
    public static string? RangeProblem(string name, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NamePattern().IsMatch(name))
        {
            return $"the name '{Cut(name)}' is not 1 to {MaxNameLength} of the characters a-z, 0-9 and _";
        }

        if (from >= to)
        {
            return $"from must be before to";
        }

        if (to - from > MaxRangeLength)
        {
            return $"a range is at most {MaxRangeLength.Days} days long; this one is {(to - from).TotalDays:0.##}";
        }

        return !PollTimeline.IsSupported(from) || !PollTimeline.IsSupported(to)
            ? $"from and to lie between {PollTimeline.EarliestSupported} and {PollTimeline.LatestSupported}"
            : null;
    }

    /// <summary>How long the window is: the fixed span, or <c>To − From</c>.</summary>
    public Duration Length => Kind switch
    {
        UptimeWindowKind.Hour => Duration.FromHours(1),
        UptimeWindowKind.Day => Duration.FromHours(24),
        UptimeWindowKind.Week => Duration.FromHours(168),
        UptimeWindowKind.Month => Duration.FromHours(720),
        UptimeWindowKind.Quarter => Duration.FromHours(2160),
        _ => To - From,
    };

    /// <summary>The window's instants for a report as of <paramref name="now"/>: <c>[now − length, now)</c>, or the range.</summary>
    public Interval Span(Instant now) => Kind == UptimeWindowKind.Range ? new Interval(From, To) : new Interval(now - Length, now);

    /// <summary>The window's part of its column names (SPEC: <c>uptime_last_hour</c>): <c>last_&lt;kind&gt;</c>, or the range's name.</summary>
    public string ColumnName => Kind == UptimeWindowKind.Range ? Name : $"last_{Name}";

    /// <summary>Minutes for a window of one hour or less, hours otherwise (SPEC R9, R10).</summary>
    public bool InMinutes => Length <= Duration.FromHours(1);

    [GeneratedRegex("^[a-z0-9_]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

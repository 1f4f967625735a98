using NodaTime;
using NodaTime.Text;
using StoreMonitor.Engine;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// Reads a report time (<c>as_of</c>) from text, the same way on every endpoint: ISO 8601 with an offset, or
/// <c>2023-01-25 18:00:00 UTC</c>, inside the years the engine supports (the polls ingestion accepts).
/// </summary>
internal static class ReportTime
{
    /// <summary>Nothing longer is a timestamp; the limit also keeps echoes of hostile input short.</summary>
    private const int MaxLength = 64;

    private static readonly IPattern<OffsetDateTime>[] Patterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFF' UTC'"),
    ];

    public static Instant Earliest => PollTimeline.EarliestSupported;

    /// <summary>Exclusive.</summary>
    public static Instant End => PollTimeline.LatestSupported;

    /// <summary>The supported range as the error messages and docs state it.</summary>
    public static string Range => $"from {IsoInstant.Format(Earliest)} up to (not including) {IsoInstant.Format(End)}";

    /// <summary>The instant <paramref name="text"/> names, or why it does not name a supported one.</summary>
    /// <param name="name">What the instant is called in the request (<c>as_of</c>, <c>windows[0].from</c>), for the error.</param>
    public static (Instant? Instant, string? Error) Parse(string text, string name = "as_of")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, name == "as_of" ? "as_of is empty; leave it out to report as of the latest poll." : $"{name} is empty.");
        }

        if (text.Length > MaxLength)
        {
            return (null, $"{name} is {text.Length} characters long; an instant such as 2023-01-25T18:00:00Z is at most {MaxLength}.");
        }

        foreach (var pattern in Patterns)
        {
            if (pattern.Parse(text.Trim()) is not { Success: true } parsed)
            {
                continue;
            }

            // The year is checked before converting: an offset at the edge of NodaTime's calendar would overflow.
            var value = parsed.Value;
            if (value.Year < Earliest.InUtc().Year - 1 || value.Year > End.InUtc().Year)
            {
                return (null, OutOfRange(name, text));
            }

            var instant = value.ToInstant();
            return instant >= Earliest && instant < End ? (instant, null) : (null, OutOfRange(name, text));
        }

        return (null, $"{name} '{text}' is not an ISO 8601 instant with an offset, e.g. 2023-01-25T18:00:00Z.");
    }

    private static string OutOfRange(string name, string text) => $"{name} '{text}' is outside the supported range, {Range}.";

    /// <summary>The latest poll over all stores: the report time of a report without <c>as_of</c> (docs/SEMANTICS.md#report-time).</summary>
    public static async Task<Instant?> LatestPollAsync(IGrainFactory grains)
    {
        var overviews = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => grains.GetGrain<IStoreIndexGrain>(partition).GetOverview()));
        return overviews.Max(overview => overview.LatestPoll);
    }
}

using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// The rules of one poll's three values, the same for a row of <c>store_status.csv</c> and an item pushed to
/// <c>POST /polls</c>: the store id (<see cref="StoreIdField"/>), the status, then the timestamp, the first problem found
/// being the reason the poll is rejected.
/// </summary>
internal static class PollFields
{
    /// <summary>Where each value is, for <see cref="IFieldText"/> to name it.</summary>
    public readonly record struct Positions(int StoreId, int Status, int Timestamp);

    /// <summary>Null when the poll is valid (its instant and status are set); otherwise why it is rejected.</summary>
    public static string? Problem(
        ReadOnlySpan<byte> storeId, ReadOnlySpan<byte> status, ReadOnlySpan<byte> timestamp, IFieldText text, Positions at,
        out long unixTicks, out PollStatus pollStatus)
    {
        unixTicks = 0;
        pollStatus = default;
        if (StoreIdField.Problem(storeId, text, at.StoreId) is { } storeIdProblem)
        {
            return storeIdProblem;
        }

        if (status.IsEmpty)
        {
            return $"missing {text.Name(at.Status)}";
        }

        if (!PollStatusText.TryParse(status, out pollStatus))
        {
            return $"{text.Quote(at.Status)} is neither 'active' nor 'inactive'";
        }

        if (timestamp.IsEmpty)
        {
            return $"missing {text.Name(at.Timestamp)}";
        }

        if (UtcTimestamp.TryParse(timestamp, out unixTicks) is var outcome && outcome != ParseOutcome.Valid)
        {
            return outcome == ParseOutcome.FinerThanTick
                ? $"{text.Quote(at.Timestamp)} has more than 7 fractional digits (finer than a tick)"
                : $"{text.Quote(at.Timestamp)} is not a valid UTC timestamp";
        }

        // Such a poll is a data error (a clock off by centuries), and the engine refuses it.
        return PollTimeline.IsSupported(Instant.FromUnixTimeTicks(unixTicks))
            ? null
            : $"{text.Quote(at.Timestamp)} is outside the supported years 1900 to 2199";
    }
}

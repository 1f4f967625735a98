using NodaTime;

namespace StoreMonitor.Engine;

/// <summary>
/// Maps local date-times of one zone to instants by the lenient rule (NodaTime's
/// <see cref="NodaTime.TimeZones.Resolvers.LenientResolver"/>): a local time in a spring-forward gap moves
/// forward by the length of the gap, an ambiguous one takes the earlier instant.
/// Works on plain nanosecond counts and remembers the last zone interval, because NodaTime's
/// <see cref="DateTimeZone.MapLocal"/> allocates a mapping object per call and a store needs dozens per report.
/// </summary>
internal struct LenientLocalMapper
{
    private readonly DateTimeZone zone;
    private readonly long minOffset;
    private readonly long maxOffset;

    // Local range [safeStart, safeEnd) in which every local time has exactly one instant, at cachedOffset.
    private long safeStart;
    private long safeEnd;
    private long cachedOffset;

    public LenientLocalMapper(DateTimeZone zone)
    {
        this.zone = zone;
        minOffset = zone.MinOffset.Nanoseconds;
        maxOffset = zone.MaxOffset.Nanoseconds;
        safeStart = 0;
        safeEnd = 0;
        cachedOffset = 0;
    }

    /// <summary>The instant (Unix nanoseconds) of a local date-time given as nanoseconds since 1970-01-01T00:00 local.</summary>
    public long ToUnixNanos(long localNanos)
    {
        if (minOffset == maxOffset)
        {
            return localNanos - minOffset;
        }

        if (safeStart <= localNanos && localNanos < safeEnd)
        {
            return localNanos - cachedOffset;
        }

        return Resolve(localNanos);
    }

    private long Resolve(long localNanos)
    {
        // Every instant this local time can map to lies in [local − maxOffset, local − minOffset], so walking the
        // zone intervals forward from local − maxOffset meets the earliest candidate first.
        var interval = zone.GetZoneInterval(UnixNanos.ToInstant(localNanos - maxOffset));
        long previousOffset = interval.WallOffset.Nanoseconds;
        while (true)
        {
            long offset = interval.WallOffset.Nanoseconds;
            long localStart = interval.HasStart ? SaturatingAdd(UnixNanos.FromSaturating(interval.Start), offset) : long.MinValue;
            long localEnd = interval.HasEnd ? SaturatingAdd(UnixNanos.FromSaturating(interval.End), offset) : long.MaxValue;
            if (localNanos < localStart)
            {
                // Skipped local time: the previous interval's offset carries it forward by exactly the gap.
                return localNanos - previousOffset;
            }

            if (localNanos < localEnd)
            {
                Remember(localStart, localEnd, offset);
                return localNanos - offset;
            }

            previousOffset = offset;
            interval = zone.GetZoneInterval(interval.End);
        }
    }

    private void Remember(long localStart, long localEnd, long offset)
    {
        // Another interval's local range can reach at most (maxOffset − minOffset) into this one's, so the
        // interior beyond that margin is unambiguous and needs no further zone look-ups.
        long margin = maxOffset - minOffset;
        safeStart = localStart == long.MinValue ? long.MinValue : SaturatingAdd(localStart, margin);
        safeEnd = localEnd == long.MaxValue ? long.MaxValue : SaturatingAdd(localEnd, -margin);
        cachedOffset = offset;
    }

    private static long SaturatingAdd(long value, long delta)
    {
        long sum = unchecked(value + delta);
        if (((value ^ sum) & (delta ^ sum)) < 0)
        {
            return delta > 0 ? long.MaxValue : long.MinValue;
        }

        return sum;
    }
}

using NodaTime;
using NodaTime.TimeZones;
using StoreMonitor.Engine;

namespace StoreMonitor.Tests.Uptime;

/// <summary>The engine's allocation-free local-to-instant mapping must match NodaTime's lenient resolver exactly.</summary>
public class LenientLocalMapperTests
{
    private static readonly Duration[] Probes =
    [
        Duration.FromHours(-3), Duration.FromHours(-1), Duration.FromMinutes(-30), Duration.FromMinutes(-1),
        -Duration.Epsilon, Duration.Zero, Duration.Epsilon, Duration.FromMinutes(1), Duration.FromMinutes(15),
        Duration.FromMinutes(30), Duration.FromMinutes(45), Duration.FromHours(1), Duration.FromHours(3),
    ];

    [Fact]
    public void Matches_NodaTime_lenient_resolver_around_every_transition_1970_to_2040_in_every_zone()
    {
        foreach (var zoneId in DateTimeZoneProviders.Tzdb.Ids)
        {
            CheckZone(zoneId);
        }
    }

    [Fact]
    public void Maps_far_from_transitions_by_the_plain_offset()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
        var local = new LocalDateTime(2024, 6, 1, 9, 0);

        Assert.Equal(UnixNanosOf(Instant.FromUtc(2024, 6, 1, 3, 30)), new LenientLocalMapper(zone).ToUnixNanos(UnixNanosOf(local.InUtc().ToInstant())));
    }

    private static void CheckZone(string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var reused = new LenientLocalMapper(zone);
        var span = new Interval(Instant.FromUtc(1970, 1, 1, 0, 0), Instant.FromUtc(2040, 1, 1, 0, 0));
        foreach (var interval in zone.GetZoneIntervals(span).Where(i => i.HasStart))
        {
            var before = zone.GetUtcOffset(interval.Start - Duration.Epsilon);
            foreach (var wallAtTransition in new[] { interval.Start.Plus(Duration.FromNanoseconds(before.Nanoseconds)), interval.Start.Plus(Duration.FromNanoseconds(interval.WallOffset.Nanoseconds)) })
            {
                foreach (var probe in Probes)
                {
                    var local = wallAtTransition.Plus(probe).InUtc().LocalDateTime;
                    long localNanos = UnixNanosOf(wallAtTransition.Plus(probe));
                    var expected = UnixNanosOf(zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant());

                    Assert.Equal(expected, new LenientLocalMapper(zone).ToUnixNanos(localNanos));
                    Assert.Equal(expected, reused.ToUnixNanos(localNanos));
                }
            }
        }
    }

    private static long UnixNanosOf(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
}

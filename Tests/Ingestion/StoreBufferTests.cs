using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Ingestion;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>A store's polls come out of its buffer as they went in, in order, at the ends of the instants a poll can have.</summary>
public sealed class StoreBufferTests
{
    [Fact]
    public void Polls_come_out_as_they_went_in()
    {
        var instants = new[]
        {
            Instant.FromUtc(1, 1, 1, 0, 0),
            Instant.FromUtc(1969, 12, 31, 23, 59, 59) + Duration.FromTicks(9_999_999),
            Instant.FromUnixTimeTicks(0),
            Instant.FromUtc(2023, 1, 25, 12, 0) + Duration.FromTicks(1),
            Instant.FromUtc(9999, 12, 31, 23, 59, 59) + Duration.FromTicks(9_999_999),
        };
        var buffer = new StoreBuffer("s");
        var expectedTicks = new List<long>();
        var expectedStatuses = new List<PollStatus>();

        // Enough polls to grow the array several times, each instant with both statuses.
        for (var round = 0; round < 20; round++)
        {
            foreach (var instant in instants)
            {
                var status = (round + expectedTicks.Count) % 3 == 0 ? PollStatus.Inactive : PollStatus.Active;
                buffer.AddPoll(instant.ToUnixTimeTicks(), status);
                expectedTicks.Add(instant.ToUnixTimeTicks());
                expectedStatuses.Add(status);
            }
        }

        Assert.Equal(expectedTicks.Count, buffer.PollCount);
        Assert.Equal(expectedTicks, buffer.PollTicks());
        Assert.Equal(expectedStatuses, buffer.PollStatuses());
    }
}

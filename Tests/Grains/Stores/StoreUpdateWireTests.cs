using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Serialization;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Tests.Grains.Stores;

/// <summary>
/// A store update crosses silos with every batch a cluster ingests: its polls must arrive as sent, and its statuses
/// travel as one byte each (written element by element they cost a few percent of every silo's CPU).
/// </summary>
public sealed class StoreUpdateWireTests
{
    private readonly Serializer _serializer = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(StoreUpdate).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void An_update_reads_back_with_its_polls_hours_zone_and_run()
    {
        var statuses = Enumerable.Range(0, 500).Select(i => i % 3 == 0 ? PollStatus.Inactive : PollStatus.Active).ToArray();
        var ticks = Enumerable.Range(0, 500).Select(i => 638_100_000_000_000_000L + i * 36_000_000_000L).ToArray();
        var hours = new[] { new BusinessHoursRow(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(17, 30)) };
        var update = new StoreUpdate(ticks, statuses, hours, "America/Chicago", RunNumber: 7);

        var read = _serializer.Deserialize<StoreUpdate>(_serializer.SerializeToArray(update))!;

        Assert.Equal(ticks, read.PollUnixTicks);
        Assert.Equal(statuses, read.PollStatuses);
        Assert.Equal(hours, read.Hours);
        Assert.Equal("America/Chicago", read.ZoneId);
        Assert.Equal(7, read.RunNumber);
        Assert.Null(read.SpecialHours);
    }

    [Fact]
    public void An_update_with_no_polls_reads_back_empty()
    {
        var read = _serializer.Deserialize<StoreUpdate>(_serializer.SerializeToArray(new StoreUpdate([], [], null, null)))!;

        Assert.Empty(read.PollUnixTicks);
        Assert.Empty(read.PollStatuses);
        Assert.Null(read.Hours);
        Assert.Null(read.ZoneId);
    }

    [Fact]
    public void A_status_travels_as_one_byte()
    {
        const int polls = 10_000;
        var ticks = new long[polls];
        var without = _serializer.SerializeToArray(new StoreUpdate(ticks, [], null, null)).Length;
        var with = _serializer.SerializeToArray(new StoreUpdate(ticks, Enumerable.Repeat(PollStatus.Active, polls).ToArray(), null, null)).Length;

        Assert.InRange(with - without, polls, polls + 8);
    }
}

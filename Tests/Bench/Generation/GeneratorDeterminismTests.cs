using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Bench.Generation;

public sealed class GeneratorDeterminismTests : IDisposable
{
    private static readonly string[] Files = ["store_status.csv", "menu_hours.csv", "timezones.csv"];
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Same_seed_writes_byte_identical_files()
    {
        var first = GeneratorRun.Start(_temp.File("a"), "--stores", "60", "--days", "3", "--seed", "7", "--bad-rows", "5");
        var second = GeneratorRun.Start(_temp.File("b"), "--stores", "60", "--days", "3", "--seed", "7", "--bad-rows", "5");

        foreach (var file in Files)
        {
            Assert.Equal(first.Bytes(file), second.Bytes(file));
        }
    }

    [Fact]
    public void Different_seed_writes_different_files()
    {
        var first = GeneratorRun.Start(_temp.File("a"), "--stores", "60", "--days", "3", "--seed", "7");
        var second = GeneratorRun.Start(_temp.File("b"), "--stores", "60", "--days", "3", "--seed", "8");

        foreach (var file in Files)
        {
            Assert.NotEqual(first.Bytes(file), second.Bytes(file));
        }
    }

    [Fact]
    public void A_store_keeps_its_id_hours_and_zone_when_the_window_changes()
    {
        var week = GeneratorRun.Start(_temp.File("a"), "--stores", "40", "--days", "7");
        var day = GeneratorRun.Start(_temp.File("b"), "--stores", "40", "--days", "1");

        Assert.Equal(week.Bytes("menu_hours.csv"), day.Bytes("menu_hours.csv"));
        Assert.Equal(week.Bytes("timezones.csv"), day.Bytes("timezones.csv"));
    }

    public void Dispose() => _temp.Dispose();
}

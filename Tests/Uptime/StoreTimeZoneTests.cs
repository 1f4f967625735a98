using StoreMonitor.Engine;

namespace StoreMonitor.Tests.Uptime;

public class StoreTimeZoneTests
{
    [Fact]
    public void Known_id_resolves_without_warning()
    {
        var resolved = StoreTimeZone.Resolve("Asia/Kolkata");

        Assert.Equal("Asia/Kolkata", resolved.Zone.Id);
        Assert.Null(resolved.Warning);
    }

    [Fact]
    public void Surrounding_whitespace_is_ignored()
    {
        Assert.Equal("America/New_York", StoreTimeZone.Resolve(" America/New_York ").Zone.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_id_falls_back_to_Chicago_with_a_warning(string? id)
    {
        var resolved = StoreTimeZone.Resolve(id);

        Assert.Equal("America/Chicago", resolved.Zone.Id);
        Assert.NotNull(resolved.Warning);
        Assert.Contains("America/Chicago", resolved.Warning);
    }

    [Fact]
    public void Unknown_id_falls_back_to_Chicago_and_names_the_bad_id()
    {
        var resolved = StoreTimeZone.Resolve("Mars/Olympus_Mons");

        Assert.Equal("America/Chicago", resolved.Zone.Id);
        Assert.Contains("Mars/Olympus_Mons", resolved.Warning);
    }

    [Fact]
    public void UTC_is_a_known_id()
    {
        Assert.Null(StoreTimeZone.Resolve("UTC").Warning);
    }
}

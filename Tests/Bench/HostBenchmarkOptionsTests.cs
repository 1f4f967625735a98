using StoreMonitor.Bench.Host;

namespace StoreMonitor.Tests.Bench;

/// <summary>The options of <c>Bench host</c>: its own <c>--hours</c>, and those every service benchmark takes.</summary>
public sealed class HostBenchmarkOptionsTests
{
    [Fact]
    public void Without_options_it_generates_14k_stores_for_8_days_and_appends_24_hours()
    {
        Assert.True(HostBenchmarkOptions.TryParse([], out var options, out var error), error);

        Assert.Equal((14_000, 8, 42, 24), (options.Common.Stores, options.Common.Days, options.Common.Seed, options.Hours));
        Assert.Null(options.Common.DataDirectory);
        Assert.Null(options.ApiAssembly);
    }

    [Fact]
    public void Another_build_of_the_host_is_run_from_its_full_path()
    {
        using var directory = new StoreMonitor.Tests.Support.TempDirectory();
        var api = directory.File("StoreMonitor.Api.dll");
        File.WriteAllBytes(api, []);

        Assert.True(HostBenchmarkOptions.TryParse(["--api", Path.GetRelativePath(Environment.CurrentDirectory, api), "--hours", "2"], out var options, out var error), error);

        Assert.Equal((Path.GetFullPath(api), 2), (options.ApiAssembly, options.Hours));
    }

    [Fact]
    public void A_host_that_is_not_there_is_refused_with_its_path()
    {
        Assert.False(HostBenchmarkOptions.TryParse(["--api", "/nowhere/StoreMonitor.Api.dll"], out _, out var error));

        Assert.Equal("--api: there is no file /nowhere/StoreMonitor.Api.dll", error);
    }

    [Fact]
    public void Hours_and_the_dataset_options_are_read_in_any_order()
    {
        Assert.True(HostBenchmarkOptions.TryParse(["--stores", "300", "--hours", "5", "--days", "2", "--keep"], out var options, out var error), error);

        Assert.Equal((300, 2, 5, true), (options.Common.Stores, options.Common.Days, options.Hours, options.Common.Keep));
    }

    [Fact]
    public void A_data_directory_is_made_absolute()
    {
        Assert.True(HostBenchmarkOptions.TryParse(["--data", "some/dir"], out var options, out var error), error);

        Assert.Equal(Path.GetFullPath("some/dir"), options.Common.DataDirectory);
    }

    [Fact]
    public void Concurrency_overrides_are_passed_on()
    {
        Assert.True(HostBenchmarkOptions.TryParse(["--ingest-concurrency", "8", "--report-concurrency", "4"], out var options, out var error), error);

        Assert.Equal((8, 4), (options.Common.IngestionConcurrency, options.Common.ReportConcurrency));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("x")]
    [InlineData(null)]
    public void Hours_must_be_a_positive_number(string? hours)
    {
        string[] args = hours is null ? ["--hours"] : ["--hours", hours];

        Assert.False(HostBenchmarkOptions.TryParse(args, out _, out var error));
        Assert.Equal("--hours needs a positive number", error);
    }

    [Fact]
    public void An_unknown_option_is_refused_by_name()
    {
        Assert.False(HostBenchmarkOptions.TryParse(["--hours", "3", "--fast"], out _, out var error));

        Assert.Equal("unknown option '--fast'", error);
    }
}

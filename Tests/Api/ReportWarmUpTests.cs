using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// The host's start-up warm-up report (<c>StoreMonitor:WarmUpReport</c>, on in the hosts' settings): it runs once there is
/// data, after the start-up ingestion and again after a restart, and leaves nothing a user could see or storage would keep.
/// </summary>
public sealed class ReportWarmUpTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly ReportApiHost _fixture = new();

    private ApiHost Host => _fixture.Host;

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task The_warm_up_report_runs_after_the_start_up_ingestion_and_after_a_restart_and_is_deleted()
    {
        var first = await WarmUpOutcomeAsync();
        await AssertNothingLeftAsync();

        await _fixture.RestartAsync();
        var afterRestart = await WarmUpOutcomeAsync();
        await AssertNothingLeftAsync();

        Assert.Equal(ReportState.Complete, first);
        Assert.Equal(ReportState.Complete, afterRestart);
        // Its id is no report id the API accepts.
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Client.GetAsync($"/get_report?report_id={ReportWarmUp.ReportId}")).StatusCode);
    }

    [Fact]
    public async Task A_restarted_host_is_ready_only_once_its_warm_up_report_is_done()
    {
        await WarmUpOutcomeAsync();
        await _fixture.RestartAsync();

        await Waits.UntilAsync(
            async () => (await Host.Client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, Deadline, "the restarted host is ready");

        Assert.True(WarmUp.Finished.IsCompleted, "ready before the warm-up report was done");
        Assert.Equal(ReportState.Complete, await WarmUp.Finished);
    }

    [Fact]
    public async Task A_report_after_the_warm_up_equals_the_engine()
    {
        await WarmUpOutcomeAsync();

        var csv = await ReportsOverHttp.CsvAsync(Host.Client, await _fixture.TriggerAsync(), Deadline);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(EngineReference.Compute(_fixture.DataDirectory, asOf: null)), csv);
    }

    private ReportWarmUp WarmUp => Host.Services.GetRequiredService<ReportWarmUp>();

    private Task<ReportState?> WarmUpOutcomeAsync() => WarmUp.Finished.WaitAsync(Deadline);

    private async Task AssertNothingLeftAsync()
    {
        Assert.Equal(ReportState.Unknown, (await Host.Grains.GetGrain<IReportGrain>(ReportWarmUp.ReportId).GetStatus()).State);
        var pieces = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => Host.Grains.GetGrain<IReportPartGrain>(ReportParts.Key(ReportWarmUp.ReportId, partition, 0)).Get()));
        Assert.All(pieces, Assert.Null);
    }
}

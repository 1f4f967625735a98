using System.Text;
using Orleans.Storage;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>
/// A store whose write fails: when the cluster caused it (a duplicate activation that lost the race for the state,
/// as happens while silos join or leave), the update is retried and the run succeeds; when the database itself
/// refuses, the run names the store, keeps the files unapplied, and the next run brings the store in.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class IngestionFailureTests : IAsyncLifetime
{
    // Ids no other test uses: the injected faults are keyed by grain key across the whole test process.
    private const string Flaky = "ingestion-failure-flaky";
    private const string Broken = "ingestion-failure-broken";
    private const string Healthy = "ingestion-failure-healthy";

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"), configure: FaultInjectingGrainStorage.Install);
        var polls = new StringBuilder("store_id,status,timestamp_utc\n");
        foreach (var store in new[] { Flaky, Broken, Healthy })
        {
            polls.Append(store).Append(",active,2023-01-25 16:10:00.000000 UTC\n")
                .Append(store).Append(",inactive,2023-01-25 17:10:00.000000 UTC\n")
                .Append(store).Append(",active,2023-01-25 18:10:00.000000 UTC\n");
        }

        File.WriteAllText(_data.File("store_status.csv"), polls.ToString());
        File.WriteAllText(_data.File("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\n");
        File.WriteAllText(_data.File("timezones.csv"), $"store_id,timezone_str\n{Flaky},America/Chicago\n{Broken},Asia/Kolkata\n");
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_write_lost_to_a_duplicate_activation_is_retried_and_a_refused_one_is_named_then_ingested_by_the_next_run()
    {
        FaultInjectingGrainStorage.FailWrites(Flaky, count: 2, when: state => state is StoreState,
            failure: grain => new InconsistentStateException($"Injected ETag conflict for {grain}", "stored", "current"));
        FaultInjectingGrainStorage.FailWrites(Broken, count: 1, when: state => state is StoreState);

        var first = await _cluster.IngestAsync(_data.Path);

        Assert.Equal(2, FaultInjectingGrainStorage.FailedWrites(Flaky));
        Assert.Equal(2, first.StoresUpdated);
        Assert.NotNull(first.Error);
        Assert.Contains($"1 of 3 stores could not be updated", first.Error, StringComparison.Ordinal);
        Assert.Contains(Broken, first.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Flaky, first.Error, StringComparison.Ordinal);

        // The files were not marked applied, so the next run reads them again and brings the refused store in.
        var second = await _cluster.IngestAsync(_data.Path);
        Assert.Null(second.Error);
        var status = await _cluster.RunReportAsync("after-failures");
        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(3, status.StoresTotal);
        Assert.Equal(
            Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)),
            Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(_cluster.Grains, "after-failures"))!));
    }

    [Fact]
    public async Task A_store_the_database_refuses_is_named_in_the_run_error_in_words_without_the_exception()
    {
        const string Internals = "SQLITE_FULL at /srv/store-monitor/secret/grains.db";
        FaultInjectingGrainStorage.FailWrites(Broken, count: 1, when: state => state is StoreState, failure: _ => new IOException(Internals));

        var run = await _cluster.IngestAsync(_data.Path);

        Assert.NotNull(run.Error);
        Assert.Contains($"store '{Broken}': ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLITE", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/srv/", run.Error, StringComparison.Ordinal);
        Assert.Contains("storage", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_store_index_write_is_refused_fails_in_words_without_the_exception()
    {
        const string Internals = "SQLITE_FULL at /srv/store-monitor/secret/grains.db";
        var partition = _cluster.Grains.GetGrain<IStoreIndexGrain>(StoreIndex.PartitionOf(Healthy));
        FaultInjectingGrainStorage.FailWrites(partition.GetGrainId().Key.ToString()!, count: 1, when: state => state is StoreIndexState, failure: _ => new IOException(Internals));

        var run = await _cluster.IngestAsync(_data.Path);

        Assert.NotNull(run.Error);
        Assert.DoesNotContain("SQLITE", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/srv/", run.Error, StringComparison.Ordinal);
        Assert.Contains("storage", run.Error, StringComparison.Ordinal);
        Assert.Contains("run the ingestion again", run.Error, StringComparison.OrdinalIgnoreCase);
    }
}

using StoreMonitor.Bench.Generation;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion;

public sealed class IngestionRunnerTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    private void WriteFiles(string polls, string hours, string zones)
    {
        File.WriteAllText(_data.File("store_status.csv"), polls);
        File.WriteAllText(_data.File("menu_hours.csv"), hours);
        File.WriteAllText(_data.File("timezones.csv"), zones);
    }

    private static FileIngestionSummary FileNamed(IngestionSummary summary, string name) =>
        summary.Files.Single(file => Path.GetFileName(file.File) == name);

    [Fact]
    public async Task Counts_rows_read_accepted_duplicate_and_rejected_per_file()
    {
        WriteFiles(
            "store_id,status,timestamp_utc\n" +
            "a,active,2023-01-22 12:09:39.388884 UTC\n" +
            "a,active,2023-01-22 12:09:39.388884 UTC\n" +
            "a,maybe,2023-01-22 13:09:39 UTC\n" +
            "b,inactive,2023-01-22T13:00:00Z\n" +
            "b,active,not-a-time\n",
            "store_id,dayOfWeek,start_time_local,end_time_local\n" +
            "a,0,09:00,17:00\n" +
            "a,9,09:00,17:00\n",
            "store_id,timezone_str\nb,America/New_York\n");

        var summary = await _cluster.IngestAsync(_data.Path);

        Assert.Null(summary.Error);
        var polls = FileNamed(summary, "store_status.csv");
        Assert.Equal((5L, 2L, 1L, 2L), (polls.RowsRead, polls.Accepted, polls.Duplicates, polls.Rejected));
        Assert.Contains(polls.FirstRejections, rejection => rejection.Contains("store_status.csv:4") && rejection.Contains("maybe"));
        Assert.Contains(polls.FirstRejections, rejection => rejection.Contains("store_status.csv:6") && rejection.Contains("not-a-time"));
        var hours = FileNamed(summary, "menu_hours.csv");
        Assert.Equal((2L, 1L, 1L), (hours.RowsRead, hours.Accepted, hours.Rejected));
        Assert.Contains(hours.FirstRejections, rejection => rejection.Contains("menu_hours.csv:3"));
        Assert.Equal(2, summary.StoresUpdated);
    }

    [Fact]
    public async Task Reading_the_same_files_twice_accepts_nothing_the_second_time()
    {
        TestDataset.Write(_data.Path, stores: 40, seed: 3);
        var first = await _cluster.IngestAsync(_data.Path);

        var second = await _cluster.IngestAsync(_data.Path, fullRead: true);

        var firstPolls = FileNamed(first, "store_status.csv");
        var secondPolls = FileNamed(second, "store_status.csv");
        Assert.True(firstPolls.Accepted > 0);
        Assert.Equal(0, secondPolls.Accepted);
        Assert.Equal(firstPolls.RowsRead, secondPolls.Duplicates);
        Assert.Equal(first.InputFingerprint, second.InputFingerprint);
    }

    [Fact]
    public async Task Registers_every_store_with_its_index_partition()
    {
        TestDataset.Write(_data.Path, stores: 120, seed: 5);

        await _cluster.IngestAsync(_data.Path);

        var counts = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => _cluster.Grains.GetGrain<IStoreIndexGrain>(partition).GetOverview()));
        Assert.Equal(120, counts.Sum(overview => overview.StoreCount));
    }

    [Fact]
    public async Task A_second_run_cannot_begin_while_one_holds_the_lease()
    {
        TestDataset.Write(_data.Path, stores: 5, seed: 1);
        var runner = _cluster.CreateIngestionRunner();
        var run = await runner.TryBeginAsync(_data.Path);

        var second = await runner.TryBeginAsync(_data.Path);
        var status = await _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus();
        Assert.NotNull(run);
        await runner.RunAsync(run, CancellationToken.None);
        var after = await _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus();

        Assert.Null(second);
        Assert.Equal(IngestionState.Running, status.State);
        Assert.Equal(IngestionState.Idle, after.State);
        Assert.Equal(run.RunId, after.LastRun!.RunId);
        Assert.Equal(run.RunNumber, after.LastRun.RunNumber);
    }

    [Fact]
    public async Task A_store_with_two_different_zones_keeps_the_first_and_the_second_is_rejected()
    {
        WriteFiles(
            "store_id,status,timestamp_utc\nz,active,2023-01-22 12:00:00 UTC\n",
            "store_id,dayOfWeek,start_time_local,end_time_local\n",
            "store_id,timezone_str\nz,America/Denver\nz,America/Denver\nz,Asia/Kolkata\n");

        var summary = await _cluster.IngestAsync(_data.Path);

        var zones = FileNamed(summary, "timezones.csv");
        Assert.Equal((3L, 1L, 1L, 1L), (zones.RowsRead, zones.Accepted, zones.Duplicates, zones.Rejected));
        Assert.Contains(zones.FirstRejections, rejection => rejection.Contains("timezones.csv:4") && rejection.Contains("Asia/Kolkata"));
        Assert.Equal("America/Denver", (await _cluster.Grains.GetGrain<IStoreGrain>("z").GetSummary()).ZoneId);
    }

    [Fact]
    public async Task An_unreadable_hours_file_leaves_stored_hours_alone_and_the_other_files_are_ingested()
    {
        WriteFiles(
            "store_id,status,timestamp_utc\nh,active,2023-01-22 12:00:00 UTC\n",
            "store_id,dayOfWeek,start_time_local,end_time_local\nh,0,09:00,17:00\n",
            "store_id,timezone_str\nh,America/Denver\n");
        await _cluster.IngestAsync(_data.Path);
        WriteFiles(
            "store_id,status,timestamp_utc\nh,inactive,2023-01-22 13:00:00 UTC\n",
            "store_id,dayOfWeek,start_time_local\nh,1,10:00\n",
            "store_id,timezone_str\nh,Asia/Kolkata\n");

        var summary = await _cluster.IngestAsync(_data.Path);

        Assert.Null(summary.Error);
        var hours = FileNamed(summary, "menu_hours.csv");
        Assert.Contains("menu_hours.csv:1", hours.Error);
        Assert.Contains("end_time_local", hours.Error);
        Assert.Null(FileNamed(summary, "store_status.csv").Error);
        var store = await _cluster.Grains.GetGrain<IStoreGrain>("h").GetSummary();
        Assert.Equal(2, store.PollCount);
        Assert.Equal("Asia/Kolkata", store.ZoneId);
        Assert.Equal(NodaTime.IsoDayOfWeek.Monday, Assert.Single(store.Hours).Day);
    }

    [Fact]
    public async Task A_store_that_cannot_be_updated_is_named_and_the_others_are_still_ingested()
    {
        WriteFiles(
            "store_id,status,timestamp_utc\nbroken,active,2023-01-22 12:00:00 UTC\nfine,active,2023-01-22 12:00:00 UTC\n",
            "store_id,dayOfWeek,start_time_local,end_time_local\n",
            "store_id,timezone_str\n");
        await _cluster.IngestAsync(_data.Path);
        await _cluster.DisposeAsync();
        CorruptStoreState(_directory.File("grains.db"), "broken");
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));
        File.AppendAllText(_data.File("store_status.csv"), "broken,active,2023-01-22 13:00:00 UTC\nfine,inactive,2023-01-22 13:00:00 UTC\n");

        var summary = await _cluster.IngestAsync(_data.Path);

        Assert.NotNull(summary.Error);
        Assert.Contains("1 of 2 stores", summary.Error);
        Assert.Contains("'broken'", summary.Error);
        Assert.Equal(1, summary.StoresUpdated);
        Assert.Equal(2, (await _cluster.Grains.GetGrain<IStoreGrain>("fine").GetSummary()).PollCount);
    }

    /// <summary>Overwrites one store's persisted state with bytes no serializer can read.</summary>
    internal static void CorruptStoreState(string databasePath, string storeId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var corrupt = connection.CreateCommand();
        corrupt.CommandText = "UPDATE OrleansStorage SET PayloadBinary = x'DEADBEEF' WHERE GrainTypeString = $type AND GrainIdExtensionString = $id";
        corrupt.Parameters.AddWithValue("$type", StateNames.Store);
        corrupt.Parameters.AddWithValue("$id", storeId);
        Assert.Equal(1, corrupt.ExecuteNonQuery());
    }

    [Fact]
    public async Task A_generated_uuid_dataset_with_bad_rows_is_ingested_and_reported_exactly()
    {
        var exit = GenerateCommand.Run(
            ["--out", _data.Path, "--stores", "120", "--days", "3", "--id-style", "uuid", "--day-column", "day", "--bad-rows", "8", "--seed", "9"],
            TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, exit);

        var summary = await _cluster.IngestAsync(_data.Path);
        var report = await _cluster.RunReportAsync("generated-uuid");

        Assert.Null(summary.Error);
        Assert.Equal(8, summary.Files.Sum(file => file.Rejected));
        Assert.All(summary.Files.SelectMany(file => file.FirstRejections), rejection => Assert.Matches(@"\.csv:\d+: ", rejection));
        var csv = await ReportFile.ReadAllAsync(_cluster.Grains, "generated-uuid");
        Assert.Equal(System.Text.Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), System.Text.Encoding.UTF8.GetString(csv!));
        Assert.Equal(ReportState.Complete, report.State);
    }
}

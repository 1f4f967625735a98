using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Configuration;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>
/// A report's rows are stored in pieces (a slice of one partition each) and merged into the file when it is read: the
/// bytes are the engine's, whatever the slice size and however the store ids sort; the record that listing reads
/// holds no rows; a report bigger than one message downloads; and a slow store never makes a call time out.
/// </summary>
public sealed class ReportPiecesTests : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();

    private string DatabasePath => _directory.File("grains.db");

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The smallest slice and the default: the inner loop runs these.</summary>
    [Theory]
    [InlineData(11, 1)]
    [InlineData(14, 2048)]
    public Task A_report_in_pieces_of_any_size_is_byte_identical_to_the_engine(int seed, int sliceStores) =>
        CheckPiecesAsync(seed, sliceStores);

    /// <summary>Slices that split partitions unevenly, run by <c>dotnet test</c> and CI.</summary>
    [Theory]
    [Trait("Category", TestCategories.Slow)]
    [InlineData(12, 3)]
    [InlineData(13, 7)]
    public Task A_report_in_uneven_pieces_is_byte_identical_to_the_engine(int seed, int sliceStores) =>
        CheckPiecesAsync(seed, sliceStores);

    private async Task CheckPiecesAsync(int seed, int sliceStores)
    {
        TestDataset.Write(_data.Path, stores: 120 + (seed * 13), seed);
        StoreIdsThatSortEveryWay(_data.Path);
        var asOf = Instant.FromUtc(2023, 1, 24, 7, 30);
        await using var cluster = await StoreMonitorCluster.StartAsync(DatabasePath, configure: silo => WithSlices(silo, sliceStores));
        await cluster.IngestAsync(_data.Path);

        var latest = await cluster.RunReportAsync("pieces-latest");
        var earlier = await cluster.RunReportAsync("pieces-as-of", asOf);

        Assert.Equal(ReportState.Complete, latest.State);
        Assert.Equal(ReportState.Complete, earlier.State);
        var content = (await cluster.Grains.GetGrain<IReportGrain>("pieces-latest").GetContent())!;
        var file = (await ReportFile.ReadAllAsync(cluster.Grains, "pieces-latest"))!;
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), Encoding.UTF8.GetString(file));
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path, asOf)), Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(cluster.Grains, "pieces-as-of"))!));
        Assert.Equal(file.Length, content.ByteCount);
        Assert.Null(content.WholeFile);
        Assert.Equal(await ExpectedPiecesAsync(cluster, sliceStores), content.PartsPerPartition);
    }

    [Fact]
    [Trait("Category", TestCategories.Slow)]
    public async Task A_report_larger_than_the_message_limit_downloads_in_pieces()
    {
        const int MessageLimit = 64 * 1024;
        TestDataset.Write(_data.Path, stores: 6000, seed: 31, days: 1);
        await using (var ingesting = await StoreMonitorCluster.StartAsync(DatabasePath))
        {
            await ingesting.IngestAsync(_data.Path);
        }

        // The same database, now with messages capped far below the file's size.
        await using var cluster = await StoreMonitorCluster.StartAsync(
            DatabasePath,
            configure: silo =>
            {
                WithSlices(silo, 50);
                silo.Configure<SiloMessagingOptions>(messaging => messaging.MaxMessageBodySize = MessageLimit);
            },
            configureClient: client => client.Configure<ClientMessagingOptions>(messaging => messaging.MaxMessageBodySize = MessageLimit));
        var status = await cluster.RunReportAsync("bigger-than-a-message");
        var file = await ReportFile.ReadAllAsync(cluster.Grains, "bigger-than-a-message");

        Assert.True(status.State == ReportState.Complete, $"the report ended {status.State}: {status.Error}");
        Assert.True(file!.Length > 3 * MessageLimit, $"the file is {file.Length} bytes: not larger than the message limit");
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), Encoding.UTF8.GetString(file));
    }

    [Fact]
    public async Task The_report_record_holds_no_rows_and_reading_its_status_reads_no_piece()
    {
        TestDataset.Write(_data.Path, stores: 400, seed: 32);
        await using (var computing = await StoreMonitorCluster.StartAsync(DatabasePath))
        {
            await computing.IngestAsync(_data.Path);
            await computing.RunReportAsync("listed");
        }

        var pieceCalls = 0;
        await using var cluster = await StoreMonitorCluster.StartAsync(DatabasePath, configure: silo =>
            silo.AddIncomingGrainCallFilter(context =>
            {
                if (context.TargetId.Type.ToString() == GrainTypeNames.ReportPart)
                {
                    Interlocked.Increment(ref pieceCalls);
                }

                return context.Invoke();
            }));
        var status = await cluster.Grains.GetGrain<IReportGrain>("listed").GetStatus();
        var listed = await cluster.Grains.GetGrain<IReportCatalogGrain>(0).Recent(10);
        var callsWhileListing = pieceCalls;
        var file = await ReportFile.ReadAllAsync(cluster.Grains, "listed");

        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(0, callsWhileListing);
        Assert.True(pieceCalls > 0, "the download read no piece");
        var record = StoredGrainState.PayloadBytes(DatabasePath, StateNames.Report, "listed");
        Assert.True(record < 2048, $"the report's record is {record} bytes");
        Assert.True(file!.Length > 10 * record, $"the file ({file.Length} bytes) is not much larger than the record ({record} bytes)");
    }

    [Fact]
    [Trait("Category", TestCategories.Slow)]
    public async Task A_slow_store_makes_no_call_time_out_and_is_computed_once()
    {
        var responseTimeout = TimeSpan.FromSeconds(2);
        TestDataset.Write(_data.Path, stores: 150, seed: 33);
        CallGate? gate = null;
        var computed = 0;
        var sliceCalls = 0;
        var slowStore = "1000000007919";
        await using var cluster = await StoreMonitorCluster.StartAsync(DatabasePath, configure: silo =>
        {
            WithSlices(silo, 2);
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = responseTimeout);
            silo.AddIncomingGrainCallFilter(context =>
            {
                var method = context.InterfaceMethod?.Name;
                if (method == "ComputeUptime" && context.TargetId.Key.ToString() == slowStore)
                {
                    Interlocked.Increment(ref computed);
                }
                else if (method == "ComputeReportSlice")
                {
                    Interlocked.Increment(ref sliceCalls);
                }

                return context.Invoke();
            });
            CallGate.Install(silo, () => gate);
        });
        await cluster.IngestAsync(_data.Path);

        gate = new CallGate("ComputeUptime", slowStore);
        await cluster.Grains.GetGrain<IReportGrain>("slow-store").Start(new ReportRequest(null));
        await gate.Entered;
        // The store answers after three response timeouts.
        await Task.Delay(3 * responseTimeout);
        gate.Release();
        var status = await cluster.WaitForReportAsync("slow-store");

        Assert.True(status.State == ReportState.Complete, $"the report ended {status.State}: {status.Error}");
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(cluster.Grains, "slow-store"))!));
        Assert.Equal(1, computed);
        // Its slice was asked again while it waited, rather than one call lasting past the timeout.
        var slices = (150 / 2) + StoreIndexPartitions;
        Assert.True(sliceCalls > slices / 2, $"{sliceCalls} slice calls");
    }

    [Fact]
    public async Task A_complete_report_downloads_while_another_report_is_computing()
    {
        TestDataset.Write(_data.Path, stores: 200, seed: 34);
        CallGate? gate = null;
        await using var cluster = await StoreMonitorCluster.StartAsync(DatabasePath, configure: silo =>
        {
            WithSlices(silo, 5);
            CallGate.Install(silo, () => gate);
        });
        await cluster.IngestAsync(_data.Path);
        await cluster.RunReportAsync("done-first");

        gate = new CallGate("ComputeUptime", "1000000000000");
        await cluster.Grains.GetGrain<IReportGrain>("computing").Start(new ReportRequest(Instant.FromUtc(2023, 1, 25, 0, 0)));
        await gate.Entered;
        var file = await ReportFile.ReadAllAsync(cluster.Grains, "done-first");
        var computing = await cluster.Grains.GetGrain<IReportGrain>("computing").GetStatus();
        gate.Release();

        Assert.Equal(ReportState.Running, computing.State);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), Encoding.UTF8.GetString(file!));
        Assert.Equal(ReportState.Complete, (await cluster.WaitForReportAsync("computing")).State);
    }

    [Fact]
    public async Task A_piece_stored_again_by_a_new_activation_keeps_the_latest_rows()
    {
        // A piece is stored without reading first (its key is new), so storing it again from a fresh activation, as a
        // retried slice on another silo would, must find the row that is there and write over it.
        var first = new ReportPart(["a"], [4], "a,1\n"u8.ToArray());
        var second = new ReportPart(["a", "b"], [4, 8], "a,2\nb,3\n"u8.ToArray());
        await using (var storing = await StoreMonitorCluster.StartAsync(DatabasePath))
        {
            await storing.Grains.GetGrain<IReportPartGrain>("again/0/0").Store(first);
        }

        await using (var storingAgain = await StoreMonitorCluster.StartAsync(DatabasePath))
        {
            await storingAgain.Grains.GetGrain<IReportPartGrain>("again/0/0").Store(second);
            await storingAgain.Grains.GetGrain<IReportPartGrain>("again/0/0").Store(second);
        }

        await using var cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        var stored = await cluster.Grains.GetGrain<IReportPartGrain>("again/0/0").Get();

        Assert.Equal(second.StoreIds, stored!.StoreIds);
        Assert.Equal(second.RowEnds, stored.RowEnds);
        Assert.Equal(second.Rows, stored.Rows);
        Assert.Null(await cluster.Grains.GetGrain<IReportPartGrain>("never/0/0").Get());
    }

    /// <summary>Each partition stores one piece per slice of its stores.</summary>
    private static async Task<int[]> ExpectedPiecesAsync(StoreMonitorCluster cluster, int sliceStores) =>
        await Task.WhenAll(Enumerable.Range(0, StoreIndexPartitions).Select(async partition =>
        {
            var stores = (await cluster.Grains.GetGrain<IStoreIndexGrain>(partition).GetOverview()).StoreCount;
            return (stores + sliceStores - 1) / sliceStores;
        }));

    private const int StoreIndexPartitions = StoreIndex.PartitionCount;

    private static void WithSlices(ISiloBuilder silo, int sliceStores) =>
        silo.Services.Configure<StoreMonitorSiloOptions>(options => options.ReportSliceStores = sliceStores);

    /// <summary>
    /// Gives the stores ids whose order the merge must get right: different lengths, a shared prefix, characters that
    /// the file quotes or guards (so a row's bytes do not sort as its id does), and non-ASCII.
    /// </summary>
    private static void StoreIdsThatSortEveryWay(string directory)
    {
        string[] shapes = ["{0}", "A{0}", "a,{0}", "=\"{0}\"", "é{0}", "{0}z", "-{0}", "Z", "+1{0}"];
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in new[] { "store_status.csv", "menu_hours.csv", "timezones.csv" })
        {
            var path = Path.Combine(directory, file);
            var lines = File.ReadAllLines(path);
            for (var i = 1; i < lines.Length; i++)
            {
                var comma = lines[i].IndexOf(',', StringComparison.Ordinal);
                var id = lines[i][..comma];
                if (!renamed.TryGetValue(id, out var name))
                {
                    var shape = shapes[renamed.Count % shapes.Length];
                    name = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, id[^5..]) + (shape == "Z" ? id : "");
                    renamed[id] = name;
                }

                lines[i] = Quoted(name) + lines[i][comma..];
            }

            File.WriteAllLines(path, lines);
        }
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}

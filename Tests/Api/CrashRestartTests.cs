using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StoreMonitor.Tests.Support;
using Xunit.Abstractions;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// A user's crash: the API host killed with SIGKILL during its first ingestion, then started again on the same
/// database. The restarted host sees that the lease's holder (its own predecessor) is gone and starts the successor
/// run at once, without waiting out the lease (two minutes); a report triggered at any moment after the restart waits
/// for the successor and equals the engine on the whole files. Repeated, with the kill at a random moment each time,
/// so a window in which a report could count half a run cannot hide.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class CrashRestartTests(ITestOutputHelper output) : IDisposable
{
    // The default lease duration: the restart must not wait for it.
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    private static readonly string[] Settings = ["--StoreMonitor:ScanInterval=00:00:00"];

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _databases = new();

    public void Dispose()
    {
        _data.Dispose();
        _databases.Dispose();
    }

    [Fact]
    public async Task A_host_killed_during_its_first_ingestion_and_restarted_ingests_at_once_and_every_report_equals_the_engine()
    {
        // Enough stores that the first ingestion takes a few seconds.
        TestDataset.Write(_data.Path, stores: 4000, seed: 33);
        var expected = Encoding.UTF8.GetString(EngineReference.Compute(_data.Path));
        // The kills spread over the first ingestion as long as it runs on this machine, so that most land inside it
        // however fast the machine or the ingestion is; a run seen complete before its kill shortens that length.
        var runLength = await FirstIngestionLengthAsync(_databases.File("uninterrupted.db"));
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first ingestion uninterrupted: idle {runLength.TotalSeconds:F2} s after listening; kill points from seed {seed}"));
        var killedMidRun = 0;
        const int Rounds = 8;
        for (var round = 0; round < Rounds; round++)
        {
            var database = _databases.File($"round-{round}.db");
            // Within the first three quarters of the run: its length varies from start to start.
            var killAfter = runLength * 0.75 * random.NextDouble();
            await using (var first = await ApiProcess.StartAsync(_data.Path, database, Settings))
            {
                await Task.Delay(killAfter);
                var beforeKill = await IngestionAsync(first.Client);
                await first.KillAsync();
                if (beforeKill.GetProperty("state").GetString() == "Running")
                {
                    killedMidRun++;
                }
                else if (beforeKill.GetProperty("last_run").ValueKind == JsonValueKind.Object)
                {
                    // The run had already completed: this start ingests faster than the measured one (which may have
                    // shared the cores with other tests), so the later kills spread over what was seen here.
                    runLength = killAfter;
                }
            }

            var restart = Stopwatch.StartNew();
            await using var second = await ApiProcess.StartAsync(_data.Path, database, Settings);
            var listening = restart.Elapsed;
            var immediate = await ReportsOverHttp.TriggerAsync(second.Client);
            var (firstIdle, ingested) = await WaitForFirstIdleAsync(second.Client);
            var onIdle = await ReportsOverHttp.TriggerAsync(second.Client);

            Assert.True(ingested < LeaseDuration, $"round {round}: ingested {ingested} after the restart, not sooner than the lease duration\n{second.Output}");
            Assert.Equal(JsonValueKind.Null, firstIdle.GetProperty("last_run").GetProperty("error").ValueKind);
            Assert.Equal(expected, await ReportsOverHttp.CsvAsync(second.Client, immediate, TimeSpan.FromMinutes(2)));
            Assert.Equal(expected, await ReportsOverHttp.CsvAsync(second.Client, onIdle, TimeSpan.FromMinutes(2)));
            if (firstIdle.GetProperty("last_abandoned") is { ValueKind: JsonValueKind.Object } abandoned)
            {
                Assert.Equal(firstIdle.GetProperty("last_run").GetProperty("run_id").GetString(), abandoned.GetProperty("successor_run_id").GetString());
                Assert.False(abandoned.GetProperty("data_pending").GetBoolean());
                Assert.Contains("is gone", abandoned.GetProperty("reason").GetString(), StringComparison.Ordinal);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: killed {killAfter.TotalSeconds:F2} s after listening; restarted host listening after {listening.TotalSeconds:F2} s, ingested {ingested.TotalSeconds:F2} s after the restart"));
        }

        output.WriteLine($"{killedMidRun} of {Rounds} kills landed during the ingestion");
        Assert.True(killedMidRun >= Rounds / 2, $"only {killedMidRun} of {Rounds} kills landed during the ingestion: the test did not test the crash");
    }

    /// <summary>From listening until the first ingestion has completed, in a host nobody kills.</summary>
    private async Task<TimeSpan> FirstIngestionLengthAsync(string database)
    {
        await using var host = await ApiProcess.StartAsync(_data.Path, database, Settings);
        var since = Stopwatch.StartNew();
        await Waits.UntilAsync(
            async () => (await IngestionAsync(host.Client)) is var status
                && status.GetProperty("state").GetString() == "Idle"
                && status.GetProperty("last_run").ValueKind == JsonValueKind.Object,
            TimeSpan.FromMinutes(2),
            "the uninterrupted first ingestion to complete");
        return since.Elapsed;
    }

    private static async Task<JsonElement> IngestionAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/ingestion")).RootElement;

    /// <summary>Polls <c>/ingestion</c> from the restart until it first says <c>Idle</c>; returns that answer and when it came.</summary>
    private static async Task<(JsonElement Status, TimeSpan After)> WaitForFirstIdleAsync(HttpClient client)
    {
        var since = Stopwatch.StartNew();
        while (true)
        {
            var status = await IngestionAsync(client);
            if (status.GetProperty("state").GetString() == "Idle" || since.Elapsed > LeaseDuration + TimeSpan.FromMinutes(1))
            {
                return (status, since.Elapsed);
            }

            await Task.Delay(25);
        }
    }
}

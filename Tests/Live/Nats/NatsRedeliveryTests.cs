using System.Globalization;
using System.Text;
using System.Text.Json;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Nats;
using Xunit.Abstractions;

namespace StoreMonitor.Tests.Live.Nats;

/// <summary>
/// At least once, counted once: the API host, as its own process, is killed with SIGKILL while it consumes, between a
/// push its stores had already taken and the acknowledgement of its messages. Restarted on the same database, it is
/// given those messages again and the report over the whole stream is the engine's over the file: each poll counted
/// once. That the kill fell in that gap is seen, not assumed: the restarted host finds polls its stores already hold
/// (every poll is published once, so a duplicate is a poll stored but not acknowledged before the kill). A kill that
/// fell elsewhere (between two pushes) proves nothing about the gap, and the round is done again, a few times at most.
/// </summary>
[Trait("Category", TestCategories.Slow)]
[Collection(NatsConsumerCollection.Name)]
public sealed class NatsRedeliveryTests(ITestOutputHelper output)
{
    private const int Rounds = 4;

    [SkippableFact]
    public async Task A_host_killed_before_its_ack_gets_the_stored_polls_again_after_a_restart_and_the_report_counts_each_once()
    {
        NatsInstallation.RequireOrSkip();
        await using var nats = await NatsServerProcess.StartAsync(ApiHost.FreePort);
        using var fileData = new TempDirectory();
        using var hostData = new TempDirectory();
        using var databases = new TempDirectory();
        TestDataset.Write(fileData.Path, stores: 200, seed: 41, days: 2);
        TestDataset.Write(hostData.Path, stores: 200, seed: 41, days: 2);
        File.WriteAllText(hostData.File("store_status.csv"), "store_id,status,timestamp_utc\n");
        var expected = Encoding.UTF8.GetString(EngineReference.Compute(fileData.Path));
        // Shuffled, so that every batch touches most stores and a push takes long enough to be caught in.
        var rows = File.ReadAllLines(fileData.File("store_status.csv"))[1..].OrderBy(_ => Random.Shared.Next()).ToArray();
        await using var publisher = await NatsTestClient.ConnectAsync(nats.Url);
        await publisher.CreateStreamAsync(NatsHostSettings.Stream, NatsHostSettings.Subject);
        foreach (var row in rows)
        {
            var fields = row.Split(',');
            await publisher.PublishAsync(NatsHostSettings.Subject, $$"""{"store_id": "{{fields[0]}}", "timestamp_utc": "{{fields[2]}}", "status": "{{fields[1]}}"}""");
        }

        for (var round = 1; round <= Rounds; round++)
        {
            // A consumer of its own and a fresh database each round: the whole stream, from its first message.
            var consumer = $"killed-{round}";
            string[] settings = NatsHostSettings.For(nats.Url, $"--StoreMonitor:Live:Nats:Consumer={consumer}", "--StoreMonitor:Live:Nats:BatchSize=500", "--StoreMonitor:Live:Nats:AckWait=00:00:02");
            var database = databases.File($"round-{round}.db");
            await using (var first = await ApiProcess.StartAsync(hostData.Path, database, settings))
            {
                await Waits.UntilAsync(async () => Accepted(await first.Client.GetStringAsync("/metrics")) > 0, TimeSpan.FromSeconds(60), "the first push from NATS");
                await Task.Delay(Random.Shared.Next(0, 120));
                await first.KillAsync();
            }

            var left = (await publisher.JetStream.GetConsumerAsync(NatsHostSettings.Stream, consumer)).Info;
            await using var second = await ApiProcess.StartAsync(hostData.Path, database, settings);
            try
            {
                await publisher.WaitUntilDrainedAsync(NatsHostSettings.Stream, consumer, TimeSpan.FromSeconds(120));
            }
            catch (TimeoutException stuck)
            {
                Assert.Fail($"{stuck.Message}\n/ingestion: {await second.Client.GetStringAsync("/ingestion")}\n/health/ready: {await (await second.Client.GetAsync("/health/ready")).Content.ReadAsStringAsync()}\n{second.Output}");
            }

            var metrics = await second.Client.GetStringAsync("/metrics");
            var report = await ReportsOverHttp.CsvAsync(second.Client, await ReportsOverHttp.TriggerAsync(second.Client), TimeSpan.FromSeconds(60));
            var duplicates = NatsMetrics.Sum(metrics, "storemonitor_polls_pushed_duplicate_total", "source=\"nats\"");
            var redelivered = NatsMetrics.Sum(metrics, "storemonitor_nats_messages_redelivered_total");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: at the kill {left.NumAckPending} delivered and unacknowledged, {left.NumPending} not delivered; after the restart {Accepted(metrics)} accepted, {duplicates} duplicates, {redelivered} redelivered"));

            Assert.Equal(expected, report);
            Assert.Equal(0, NatsMetrics.Sum(metrics, "storemonitor_nats_messages_dead_lettered_total"));
            if (duplicates > 0)
            {
                // Polls stored before the kill and not acknowledged came again, were counted once, and nothing else was lost.
                // (one poll a message, each published once: a duplicate can only be a message delivered before the kill).
                Assert.True(redelivered >= duplicates, $"{duplicates} duplicates came from {redelivered} redelivered messages");
                return;
            }
        }

        Assert.Fail($"in none of {Rounds} rounds did the kill fall between a push its stores took and its acknowledgement");
    }

    private static long Accepted(string metrics) => NatsMetrics.Sum(metrics, "storemonitor_polls_pushed_accepted_total", "source=\"nats\"");
}

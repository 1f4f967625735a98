using System.Text.Json;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Nats;

namespace StoreMonitor.Tests.Live.Nats;

/// <summary>
/// Polls published to a real NATS JetStream stream reach the same stores as file rows and count in reports exactly as
/// the same polls read from <c>store_status.csv</c>: the report is the same, byte for byte.
/// </summary>
[Trait("Category", TestCategories.Slow)]
[Collection(NatsConsumerCollection.Name)]
public sealed class NatsPollReportTests
{
    [SkippableFact]
    public async Task A_report_over_polls_published_to_NATS_equals_the_report_over_the_same_polls_ingested_from_the_file()
    {
        NatsInstallation.RequireOrSkip();
        await using var nats = await NatsServerProcess.StartAsync(ApiHost.FreePort);
        using var filedData = new TempDirectory();
        using var publishedData = new TempDirectory();
        using var databases = new TempDirectory();
        TestDataset.Write(filedData.Path, stores: 40, seed: 23);
        TestDataset.Write(publishedData.Path, stores: 40, seed: 23);
        var rows = File.ReadAllLines(publishedData.File("store_status.csv"))[1..];
        // The other host has the same hours and zones, and its polls only from NATS.
        File.WriteAllText(publishedData.File("store_status.csv"), "store_id,status,timestamp_utc\n");

        string filedReport;
        await using (var filed = await ApiHost.StartAsync(filedData.Path, databases.File("filed.db"), "--StoreMonitor:ScanInterval=00:00:00"))
        {
            await filed.WaitForIngestionAsync();
            filedReport = await ReportsOverHttp.CsvAsync(filed.Client, await ReportsOverHttp.TriggerAsync(filed.Client), TimeSpan.FromSeconds(60));
        }

        await using var publisher = await NatsTestClient.ConnectAsync(nats.Url);
        await publisher.CreateStreamAsync(NatsHostSettings.Stream, NatsHostSettings.Subject);
        // Half is waiting in the stream when the host starts, the rest arrives while it consumes.
        var half = rows.Length / 2;
        var messages = await PublishAsync(publisher, rows[..half], 0);
        await using var consuming = await ApiHost.StartAsync(publishedData.Path, databases.File("published.db"), NatsHostSettings.For(nats.Url));
        messages += await PublishAsync(publisher, rows[half..], messages);
        var drained = await publisher.WaitUntilDrainedAsync(NatsHostSettings.Stream, NatsHostSettings.Consumer, TimeSpan.FromSeconds(90));
        // The hours and zones come from the host's own first file run, which may not have begun when the stream drains.
        await consuming.WaitForIngestionAsync();
        var publishedReport = await ReportsOverHttp.CsvAsync(consuming.Client, await ReportsOverHttp.TriggerAsync(consuming.Client), TimeSpan.FromSeconds(60));
        var metrics = await consuming.Client.GetStringAsync("/metrics");

        Assert.True(rows.Length > 1000, "the dataset has polls enough to fill several batches");
        Assert.Equal((ulong)messages, drained.Delivered.StreamSeq);
        Assert.Equal(rows.Length, NatsMetrics.Sum(metrics, "storemonitor_polls_pushed_accepted_total", "source=\"nats\""));
        Assert.Equal(0, NatsMetrics.Sum(metrics, "storemonitor_nats_messages_dead_lettered_total"));
        Assert.Equal(41, filedReport.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(filedReport, publishedReport);
    }

    /// <summary>Publishes the CSV rows as messages of every shape a publisher may send; returns how many messages.</summary>
    private static async Task<int> PublishAsync(NatsTestClient publisher, string[] csvRows, int offset)
    {
        var sent = 0;
        var at = 0;
        while (at < csvRows.Length)
        {
            // Mostly one poll a message; now and then a JSON array, an NDJSON or a CSV batch.
            var shape = (offset + sent) % 50;
            var take = shape is 7 or 21 or 35 ? Math.Min(25, csvRows.Length - at) : 1;
            var chunk = csvRows[at..(at + take)];
            var items = chunk.Select(row => row.Split(',')).Select(fields => JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["store_id"] = fields[0],
                ["timestamp_utc"] = fields[2],
                ["status"] = fields[1],
            })).ToArray();
            await (shape switch
            {
                7 => publisher.PublishAsync(NatsHostSettings.Subject, "[" + string.Join(",", items) + "]"),
                21 => publisher.PublishAsync(NatsHostSettings.Subject, string.Join("\n", items) + "\n", "application/x-ndjson"),
                35 => publisher.PublishAsync(NatsHostSettings.Subject, "store_id,status,timestamp_utc\n" + string.Join("\n", chunk) + "\n", "text/csv"),
                _ => publisher.PublishAsync(NatsHostSettings.Subject, items[0]),
            });
            at += take;
            sent++;
        }

        return sent;
    }
}

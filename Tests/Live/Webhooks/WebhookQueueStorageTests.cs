using System.Net;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;
using StoreMonitor.Tests.Support;
using Xunit.Abstractions;
using static StoreMonitor.Tests.Live.Webhooks.WebhookCalls;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>
/// A subscription whose receiver is down keeps a long queue, and events keep arriving for it. What each new batch
/// costs in storage must not grow with that queue: a queue stored as one record is rewritten whole with every batch,
/// so thousands of pending deliveries turn every publish into megabytes written. On the real host and its SQLite
/// database, read straight from the storage table; and the queue, stored however it is, comes back whole and in order
/// after a restart, and leaves nothing stored once the subscription is deleted.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class WebhookQueueStorageTests(ITestOutputHelper output) : IDisposable
{
    private const int Events = 2_000;
    private const int BatchSize = 50;
    private const int MaxPending = 1_500;

    /// <summary>The most one stored record of a subscription may hold: a queue of 1,500 in one record is about 250 KB.</summary>
    private const long RecordBound = 64 * 1024;

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();

    private string DatabasePath => _database.File("grains.db");

    public void Dispose()
    {
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_long_queue_is_not_rewritten_with_each_batch_comes_back_whole_after_a_restart_and_goes_with_its_subscription()
    {
        var events = Enumerable.Range(0, Events)
            .Select(i => Event(StoreEventKinds.Down, $"store-{i % 700}", Noon + Duration.FromSeconds(i)))
            .ToArray();
        string id;
        await using (var host = await StartAsync())
        {
            // A closed port: the first attempts fail at once, and the rest wait an hour for their retry.
            (id, _) = await CreateAsync(host.Client, new { url = $"http://127.0.0.1:{ApiHost.FreePort()}/hook" });
            var router = host.Grains.GetGrain<IWebhookRouterGrain>(WebhookRouter.Key);
            foreach (var batch in events.Chunk(BatchSize))
            {
                await router.Publish(batch);
            }

            var status = await StatusAsync(host.Client, id);
            Assert.Equal(MaxPending, status.GetProperty("pending").GetInt32());
            Assert.Equal(Events - MaxPending, status.GetProperty("dropped").GetInt64());

            var records = StoredGrainState.RecordsOf(DatabasePath, id);
            output.WriteLine($"{MaxPending} pending in {records.Count} records, the largest {records.LargestPayload} bytes; {records.Writes} writes for {Events / BatchSize} batches");
            Assert.True(records.LargestPayload <= RecordBound,
                $"the subscription's largest stored record holds {records.LargestPayload} bytes with {MaxPending} pending; a batch should rewrite a bounded part of the queue (at most {RecordBound} bytes a record)");
            // Every write raises its record's version by one: a few records a batch, not the whole queue's.
            var batches = Events / BatchSize;
            Assert.True(records.Writes <= 6 * batches,
                $"{records.Writes} record writes for {batches} batches ({records.Count} records): more than a few a batch");
        }

        await using (var restarted = await StartAsync())
        {
            var status = await StatusAsync(restarted.Client, id);
            var deliveries = await DeliveriesAsync(restarted.Client, id);
            var shown = deliveries.GetProperty("pending").EnumerateArray().Select(item => item.GetProperty("event_id").GetString()).ToArray();

            Assert.Equal(MaxPending, status.GetProperty("pending").GetInt32());
            Assert.Equal(Events - MaxPending, status.GetProperty("dropped").GetInt64());
            // The oldest kept first, as they were queued.
            Assert.Equal(events.Skip(Events - MaxPending).Take(shown.Length).Select(storeEvent => storeEvent.Id), shown);

            Assert.Equal(HttpStatusCode.NoContent, (await restarted.Client.DeleteAsync($"/webhooks/{id}")).StatusCode);
            Assert.Equal(0, StoredGrainState.CountWithPayload(DatabasePath, StateNames.WebhookQueuePiece, id + "/"));
            Assert.Equal(0, StoredGrainState.CountWithPayload(DatabasePath, StateNames.WebhookSubscription, id));
        }
    }

    private Task<ApiHost> StartAsync() => ApiHost.StartAsync(_data.Path, DatabasePath,
        "--StoreMonitor:ScanInterval=00:00:00",
        "--StoreMonitor:Live:Webhooks:AllowLoopbackHttp=true",
        "--StoreMonitor:Live:Webhooks:RetrySchedule=1h",
        $"--StoreMonitor:Live:Webhooks:MaxPending={MaxPending}");
}

using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Storage;
using Orleans.TestingHost;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;
using StoreMonitor.Grains.Webhooks;
using StoreMonitor.Tests.Support;
using static StoreMonitor.Tests.Live.Webhooks.WebhookCalls;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>
/// A subscription stored before its queue had pieces of its own holds the queue in its state. Activated, it keeps
/// every delivery, in order, and moves them into pieces: its state no longer holds them, and a new cluster on the same
/// database reads them from the pieces.
/// </summary>
public sealed class StoredQueueUpgradeTests : IDisposable
{
    private const string SubscriptionId = "wh_stored_before_pieces";
    private static readonly Instant Created = Instant.FromUtc(2024, 3, 1, 10, 0);

    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("grains.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_queue_stored_in_the_subscription_state_moves_into_pieces_whole_and_in_order()
    {
        // Due in a year: nothing is sent while the test looks.
        var later = SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(365);
        PendingDelivery[] queued =
        [
            .. Enumerable.Range(0, 300).Select(i => new PendingDelivery(
                Event(StoreEventKinds.Down, $"store-{i}", Noon + Duration.FromMinutes(i)), 1, later, Created)),
        ];

        await using (var cluster = await StoreMonitorCluster.StartAsync(DatabasePath))
        {
            var stored = new GrainState<WebhookSubscriptionState>(new WebhookSubscriptionState
            {
                Definition = new WebhookDefinition(SubscriptionId, "https://hooks.example.com/x", new WebhookFilter([.. StoreEventKinds.All], null, null), Created),
                Secret = WebhookSecret.New(),
                Pending = [.. queued],
            });
            await Storage(cluster).WriteStateAsync(StateNames.WebhookSubscription, SubscriptionGrainId, stored);

            Assert.Equal(queued.Take(100).Select(delivery => delivery.Event.Id), await PendingIdsAsync(cluster));

            var after = new GrainState<WebhookSubscriptionState>(new WebhookSubscriptionState());
            await Storage(cluster).ReadStateAsync(StateNames.WebhookSubscription, SubscriptionGrainId, after);
            Assert.Empty(after.State!.Pending);
            var pieces = new List<PendingDelivery>();
            foreach (var slot in after.State.QueueSlots)
            {
                var piece = new GrainState<PendingQueuePiece>(new PendingQueuePiece());
                await Storage(cluster).ReadStateAsync(StateNames.WebhookQueuePiece, GrainId.Create(GrainTypeNames.WebhookSubscription, $"{SubscriptionId}/{slot}"), piece);
                pieces.AddRange(piece.State!.Deliveries);
            }

            Assert.Equal(queued, pieces);
        }

        await using (var again = await StoreMonitorCluster.StartAsync(DatabasePath))
        {
            Assert.Equal(queued.Take(100).Select(delivery => delivery.Event.Id), await PendingIdsAsync(again));
        }
    }

    private static GrainId SubscriptionGrainId => GrainId.Create(GrainTypeNames.WebhookSubscription, SubscriptionId);

    private static IGrainStorage Storage(StoreMonitorCluster cluster) =>
        cluster.Cluster.GetActiveSilos().Cast<InProcessSiloHandle>().Single().SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    /// <summary>The first 100 pending deliveries' event ids, oldest first (what the listing shows), and the count of all.</summary>
    private static async Task<string[]> PendingIdsAsync(StoreMonitorCluster cluster)
    {
        var deliveries = await cluster.Grains.GetGrain<IWebhookSubscriptionGrain>(SubscriptionId).GetDeliveries();
        Assert.NotNull(deliveries);
        Assert.Equal(300, deliveries.PendingCount);
        return [.. deliveries.Pending.Select(pending => pending.EventId)];
    }
}

using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;
using StoreMonitor.Tests.Support;
using static StoreMonitor.Tests.Live.Webhooks.WebhookCalls;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>
/// Durability: a delivery pending in its subscription's grain state survives the API host and its silo killed with
/// SIGKILL. The restarted process (same SQLite database) wakes the subscriptions at start, and the delivery arrives,
/// with the same webhook id and the secret it was created with, with nobody calling the API.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class WebhookRestartTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _databases = new();

    public void Dispose()
    {
        _data.Dispose();
        _databases.Dispose();
    }

    [Fact]
    public async Task A_delivery_pending_when_the_host_is_killed_arrives_after_the_restart()
    {
        var receiverPort = ApiHost.FreePort();
        var gatewayPort = ApiHost.FreePort();
        string[] settings =
        [
            "--StoreMonitor:ScanInterval=00:00:00",
            "--StoreMonitor:Live:Webhooks:AllowLoopbackHttp=true",
            "--StoreMonitor:Live:Webhooks:RetrySchedule=3s,3s,3s,3s,3s",
            "--StoreMonitor:Live:Webhooks:RetryJitter=0",
            // Known, so this test can reach the silo as a client (the later value of a key wins).
            $"--StoreMonitor:Cluster:GatewayPort={gatewayPort}",
        ];
        var database = _databases.File("grains.db");
        var storeEvent = Event(StoreEventKinds.Down, "3001");
        string id, secret;
        await using (var first = await ApiProcess.StartAsync(_data.Path, database, settings))
        {
            (id, secret) = await CreateAsync(first.Client, new { url = $"http://127.0.0.1:{receiverPort}/hook" });
            await using (var client = await GatewayClient.ConnectAsync(gatewayPort))
            {
                await client.Grains.GetGrain<IWebhookRouterGrain>(WebhookRouter.Key).Publish([storeEvent]);
            }

            // The receiver is down: the first attempt fails, and the delivery waits for its retry.
            await Waits.UntilAsync(async () => (await AttemptsAsync(first.Client, id)).Length > 0, TimeSpan.FromSeconds(30), "the first attempt");
            var failed = (await AttemptsAsync(first.Client, id))[0];
            Assert.StartsWith("could not connect", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
            await first.KillAsync();
        }

        await using var receiver = await WebhookReceiver.StartAsync(port: receiverPort);
        await using var second = await ApiProcess.StartAsync(_data.Path, database, settings);
        await receiver.WaitForAsync(1, TimeSpan.FromSeconds(60));
        var delivered = receiver.Received.Single();
        await Waits.UntilAsync(async () => (await StatusAsync(second.Client, id)).GetProperty("delivered").GetInt64() == 1, TimeSpan.FromSeconds(30), "the delivery to be recorded");
        var attempts = await AttemptsAsync(second.Client, id);
        var status = await StatusAsync(second.Client, id);

        Assert.Equal(storeEvent.Id, delivered.WebhookId);
        Assert.True(delivered.IsSignedWith(secret), "the delivery after the restart is not signed with the subscription's secret");
        Assert.Equal("delivered", attempts[^1].GetProperty("outcome").GetString());
        Assert.Equal(attempts.Length, attempts[^1].GetProperty("attempt").GetInt32());
        Assert.All(attempts[..^1], attempt => Assert.Equal("retrying", attempt.GetProperty("outcome").GetString()));
        Assert.Equal(0, status.GetProperty("pending").GetInt32());
    }
}

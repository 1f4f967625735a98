using System.Globalization;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;
using StoreMonitor.Tests.Support;
using Xunit.Abstractions;
using static StoreMonitor.Tests.Live.Webhooks.WebhookCalls;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>
/// A subscription with as many attempts in flight as it may have, none of which its receiver answers, has nothing to
/// do until one comes back: the host (its own process, so that only its CPU counts) must sit idle meanwhile, not wake
/// its timer again and again for the deliveries that are due but may not start yet.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class WebhookIdleCostTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The CPU the host may use in the measured 3 s: idle, it uses a few hundredths; a spinning timer, a core.</summary>
    private static readonly TimeSpan CpuBound = TimeSpan.FromSeconds(1);

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _databases = new();

    public void Dispose()
    {
        _data.Dispose();
        _databases.Dispose();
    }

    [Fact]
    public async Task A_subscription_waiting_on_unanswered_attempts_leaves_the_host_idle()
    {
        var gatewayPort = ApiHost.FreePort();
        await using var host = await ApiProcess.StartAsync(_data.Path, _databases.File("grains.db"),
            "--StoreMonitor:ScanInterval=00:00:00",
            "--StoreMonitor:Live:Webhooks:AllowLoopbackHttp=true",
            // Longer than the test: the attempts in flight stay in flight while it measures.
            "--StoreMonitor:Live:Webhooks:Timeout=00:01:00",
            $"--StoreMonitor:Cluster:GatewayPort={gatewayPort}");
        using var unanswering = new UnansweringEndpoint();
        var (id, _) = await CreateAsync(host.Client, new { url = unanswering.Url.ToString() });
        await using (var client = await GatewayClient.ConnectAsync(gatewayPort))
        {
            await client.Grains.GetGrain<IWebhookRouterGrain>(WebhookRouter.Key)
                .Publish([.. Enumerable.Range(0, 100).Select(i => Event(StoreEventKinds.Down, $"store-{i}"))]);
        }

        await Waits.UntilAsync(async () => (await StatusAsync(host.Client, id)).GetProperty("pending").GetInt32() == 100, TimeSpan.FromSeconds(30), "100 pending");
        // The first round (8 attempts, the default concurrency) starts at once and waits on the receiver from then on.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = host.CpuTime;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var used = host.CpuTime - before;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"host CPU over 3 s with its most attempts in flight: {used.TotalSeconds:F2} s"));
        Assert.True(used < CpuBound, $"the host used {used.TotalSeconds:F2} s of CPU in 3 s while its only subscription waited on its receiver");
        Assert.Empty(await AttemptsAsync(host.Client, id));
    }
}

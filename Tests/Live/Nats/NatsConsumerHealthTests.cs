using System.Net;
using System.Text.Json;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Nats;

namespace StoreMonitor.Tests.Live.Nats;

/// <summary>
/// The consumer shows in <c>/health/ready</c> as the <c>nats</c> check, and never takes readiness away: a host without
/// NATS settings opens no connection and says so; one whose broker cannot be reached is degraded, with the error.
/// </summary>
[Collection(NatsConsumerCollection.Name)]
public sealed class NatsConsumerHealthTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _databases = new();

    public NatsConsumerHealthTests() => TestDataset.Write(_data.Path, stores: 3, seed: 8);

    public void Dispose()
    {
        _data.Dispose();
        _databases.Dispose();
    }

    [Fact]
    public async Task Without_NATS_settings_the_check_says_the_consumer_is_off_and_the_host_is_ready()
    {
        await using var host = await ApiHost.StartAsync(_data.Path, _databases.File("off.db"), "--StoreMonitor:ScanInterval=00:00:00");
        await host.WaitForIngestionAsync();

        var ready = await host.Client.GetAsync("/health/ready");
        var check = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("nats");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Equal("Off: StoreMonitor:Live:Nats:Url is not set.", check.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_broker_that_cannot_be_reached_is_degraded_with_the_error_and_the_host_stays_ready()
    {
        // A free port nothing listens on.
        var url = $"nats://127.0.0.1:{ApiHost.FreePort()}";
        await using var host = await ApiHost.StartAsync(_data.Path, _databases.File("unreachable.db"), NatsHostSettings.For(url));
        await host.WaitForIngestionAsync();

        JsonElement check = default;
        HttpStatusCode status = default;
        await Waits.UntilAsync(async () =>
        {
            var ready = await host.Client.GetAsync("/health/ready");
            status = ready.StatusCode;
            check = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("nats");
            return check.GetProperty("description").GetString()!.Contains("Last error", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "the connection error in the nats check");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.StartsWith($"Connecting to {url} (stream POLLS, subject polls, consumer store-monitor). Last error", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}

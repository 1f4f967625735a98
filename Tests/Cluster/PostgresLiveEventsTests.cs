using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.TestingHost;
using StoreMonitor.Grains.Live;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Postgres;
using Xunit.Abstractions;

namespace StoreMonitor.Tests.Cluster;

/// <summary>
/// Live events on the PostgreSQL cluster: two silos and two API hosts in client mode (real Kestrel, real loopback
/// WebSockets), each with a SignalR client. Polls pushed through one host reach the clients of both within a second:
/// every store's silo sends its events to every registered host, whichever host the polls came through.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class PostgresLiveEventsTests(ThrowawayPostgres postgres, ITestOutputHelper output) : IClassFixture<ThrowawayPostgres>
{
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_poll_pushed_through_one_API_host_reaches_the_hub_clients_of_both_within_a_second()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        using var data = new TempDirectory();
        using var work = new TempDirectory();
        // No hours: the stores are open around the clock, so a poll of now is in their hours.
        File.WriteAllText(data.File("store_status.csv"), "store_id,status,timestamp_utc\n");
        var connectionString = await postgres.CreateDatabaseAsync("live_two_hosts");
        await using var cluster = await PostgresTestCluster.StartAsync(connectionString, silos: 2);
        string[] client =
        [
            "--StoreMonitor:Cluster:Mode=client",
            "--StoreMonitor:Storage=postgres",
            $"--ConnectionStrings:StoreMonitor={connectionString}",
            $"--StoreMonitor:Cluster:ServiceId={cluster.Cluster.Options.ServiceId}",
            $"--StoreMonitor:Cluster:ClusterId={cluster.Cluster.Options.ClusterId}",
            "--StoreMonitor:ScanInterval=00:00:00",
        ];
        await using var hostA = await ApiHost.StartAsync(data.Path, work.File("a.db"), client);
        await using var hostB = await ApiHost.StartAsync(data.Path, work.File("b.db"), [.. client, "--StoreMonitor:IngestOnStart=false"]);
        await hostA.WaitForIngestionAsync();
        // Both hosts registered, and every silo has read the registry since: from here an event reaches both.
        var audiences = cluster.Cluster.GetActiveSilos().Cast<InProcessSiloHandle>()
            .Select(silo => silo.SiloHost.Services.GetRequiredService<LiveAudience>()).ToArray();
        await Waits.UntilAsync(() => audiences.All(audience => audience.Hosts.Count == 2), Deadline, "both silos knowing both API hosts");
        await using var clientA = await HubListener.ConnectAsync(hostA.Client.BaseAddress!);
        await using var clientB = await HubListener.ConnectAsync(hostB.Client.BaseAddress!);

        // Eight stores, spread over the index partitions and so over both silos; each goes down with its first poll.
        var stores = Enumerable.Range(1, 8).Select(number => $"cluster-{number}").ToArray();
        var at = SystemClock.Instance.GetCurrentInstant() - Duration.FromSeconds(1);
        await PushAsync(hostA.Client, stores.Select(store => (store, at, "inactive")));
        var accepted = Stopwatch.GetTimestamp();
        var toA = await DownsAsync(clientA, stores);
        var toB = await DownsAsync(clientB, stores);

        var latencyA = Stopwatch.GetElapsedTime(accepted, toA.Max(received => received.Timestamp));
        var latencyB = Stopwatch.GetElapsedTime(accepted, toB.Max(received => received.Timestamp));
        output.WriteLine($"the last of {stores.Length} downs reached the client of host A {latencyA.TotalMilliseconds:F0} ms, of host B {latencyB.TotalMilliseconds:F0} ms after the 202");
        Assert.Equal(stores.Order(StringComparer.Ordinal), toA.Select(received => received.StoreId).Order(StringComparer.Ordinal));
        Assert.Equal(toA.Select(received => received.Event.GetRawText()).Order(StringComparer.Ordinal), toB.Select(received => received.Event.GetRawText()).Order(StringComparer.Ordinal));
        Assert.True(latencyA <= Latency, $"host A's client received the last down {latencyA.TotalMilliseconds:F0} ms after the 202");
        Assert.True(latencyB <= Latency, $"host B's client received the last down {latencyB.TotalMilliseconds:F0} ms after the 202");

        // And the other way round: polls through B reach A's client.
        await PushAsync(hostB.Client, [("cluster-1", at + Duration.FromMilliseconds(500), "active")]);
        var up = await clientA.NextAsync(received => received.StoreId == "cluster-1", Deadline, "the up pushed through host B, at host A");
        Assert.Equal("store.up", up.Kind);
    }

    private static async Task<HubListener.Received[]> DownsAsync(HubListener client, string[] stores)
    {
        var received = new List<HubListener.Received>();
        while (received.Count < stores.Length)
        {
            received.Add(await client.NextAsync(
                next => next.Kind == "store.down" && stores.Contains(next.StoreId) && received.All(seen => seen.StoreId != next.StoreId),
                Deadline,
                $"the down of each of {stores.Length} stores"));
        }

        return [.. received];
    }

    private static async Task PushAsync(HttpClient client, IEnumerable<(string StoreId, Instant At, string Status)> polls)
    {
        var body = "[" + string.Join(',', polls.Select(poll => $$"""{"store_id":"{{poll.StoreId}}","timestamp_utc":"{{poll.At.ToString("uuuu-MM-ddTHH:mm:ss.fff'Z'", null)}}","status":"{{poll.Status}}"}""")) + "]";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await client.PostAsync("/polls", content);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /polls answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

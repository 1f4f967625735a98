using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using StoreMonitor.Api.Live;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Live;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Live;

/// <summary>
/// The real API host (Kestrel, embedded silo, SQLite) on a clock the test moves, with stores open 09:00-17:00 UTC every day,
/// its boards sweeping every 200 ms, and a subscription to its live feed opened once the silo knows the host listens.
/// </summary>
internal sealed class LiveHost : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _data;
    private readonly TempDirectory _database;

    private LiveHost(ApiHost host, SettableClock clock, StoreEventSubscription feed, TempDirectory data, TempDirectory database)
    {
        Host = host;
        Clock = clock;
        Feed = feed;
        _data = data;
        _database = database;
    }

    public ApiHost Host { get; }

    public SettableClock Clock { get; }

    public StoreEventSubscription Feed { get; }

    public string DataDirectory => _data.Path;

    /// <param name="stores">The stores given hours 09:00-17:00 UTC every day (and an UTC zone) by the data files.</param>
    public static async Task<LiveHost> StartAsync(
        Instant now, IEnumerable<string> stores, string storeStatusCsv = "store_id,status,timestamp_utc\n", params string[] extraArgs)
    {
        var data = new TempDirectory();
        var database = new TempDirectory();
        var ids = stores.ToArray();
        File.WriteAllText(data.File("store_status.csv"), storeStatusCsv);
        File.WriteAllText(data.File("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\n"
            + string.Concat(ids.SelectMany(id => Enumerable.Range(0, 7).Select(day => $"{id},{day},09:00:00,17:00:00\n"))));
        File.WriteAllText(data.File("timezones.csv"), "store_id,timezone_str\n" + string.Concat(ids.Select(id => $"{id},UTC\n")));
        var clock = new SettableClock(now);
        var host = await ApiHost.StartAsync(
            data.Path,
            database.File("grains.db"),
            builder => builder.Services.Replace(ServiceDescriptor.Singleton<IClock>(clock)),
            configureApp: null,
            ["--StoreMonitor:ScanInterval=00:00:00",
            "--StoreMonitor:Live:SweepInterval=00:00:00.2",
            "--StoreMonitor:Live:BoardWriteInterval=00:00:00", .. extraArgs]);
        await host.WaitForIngestionAsync();
        var audience = host.Services.GetRequiredService<LiveAudience>();
        await Waits.UntilAsync(() => audience.IsListening, Deadline, "the silo learning that the host listens");
        return new LiveHost(host, clock, host.Services.GetRequiredService<StoreEventFeed>().Open(), data, database);
    }

    /// <summary>Pushes polls as JSON (<c>POST /polls</c>) and checks the 202.</summary>
    public async Task<JsonElement> PushAsync(params (string StoreId, Instant At, string Status)[] polls)
    {
        var body = JsonSerializer.Serialize(polls.Select(poll => new Dictionary<string, string>
        {
            ["store_id"] = poll.StoreId,
            ["timestamp_utc"] = poll.At.ToString(),
            ["status"] = poll.Status,
        }));
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await Host.Client.PostAsync("/polls", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"POST /polls answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>
    /// The events the feed brings before the first event of <paramref name="sentinelStore"/>, which the test caused last:
    /// the silo's notifier sends in order, so everything caused before the sentinel has arrived by then.
    /// </summary>
    public async Task<List<StoreEvent>> EventsUntilAsync(string sentinelStore)
    {
        var received = new List<StoreEvent>();
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            StoreEvent next;
            try
            {
                next = await Feed.Reader.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no event of '{sentinelStore}' within {Deadline}; received: {string.Join(", ", received.Select(item => item.Id))}");
                throw;
            }

            if (next.StoreId == sentinelStore)
            {
                return received;
            }

            received.Add(next);
        }
    }

    /// <summary>Makes <paramref name="sentinelStore"/> go down now (a first inactive poll in hours), to mark a point in the feed.</summary>
    public Task MarkAsync(string sentinelStore) => PushAsync((sentinelStore, Clock.GetCurrentInstant(), "inactive"));

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Host.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public async ValueTask DisposeAsync()
    {
        await Feed.DisposeAsync();
        await Host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }
}

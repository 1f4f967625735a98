using Microsoft.Extensions.DependencyInjection;
using StoreMonitor.Grains.Live;
using StoreMonitor.Tests.Api.Security;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Live;

/// <summary>
/// A real API host where keys are required (<see cref="SecuredHost.ReaderKey"/> and <see cref="SecuredHost.OperatorKey"/>),
/// with no stores and no hours, so a store pushed to it is open around the clock and a poll of now is in its hours.
/// Ready once its silo knows the host listens for events.
/// </summary>
public sealed class KeyedLiveHost : IAsyncDisposable
{
    private readonly TempDirectory _data;
    private readonly TempDirectory _database;

    private KeyedLiveHost(ApiHost host, TempDirectory data, TempDirectory database)
    {
        Host = host;
        _data = data;
        _database = database;
        Operator = host.CreateClient(SecuredHost.OperatorKey);
    }

    public ApiHost Host { get; }

    public HttpClient Operator { get; }

    public static async Task<KeyedLiveHost> StartAsync()
    {
        var data = new TempDirectory();
        var database = new TempDirectory();
        File.WriteAllText(data.File("store_status.csv"), "store_id,status,timestamp_utc\n");
        var host = await ApiHost.StartAsync(
            data.Path,
            database.File("grains.db"),
            "--StoreMonitor:ScanInterval=00:00:00",
            "--StoreMonitor:Auth:Required=true",
            $"--StoreMonitor:Auth:Keys:0:Key={SecuredHost.ReaderKey}",
            "--StoreMonitor:Auth:Keys:0:Role=reader",
            $"--StoreMonitor:Auth:Keys:1:Key={SecuredHost.OperatorKey}",
            "--StoreMonitor:Auth:Keys:1:Role=operator");
        var keyed = new KeyedLiveHost(host, data, database);
        await host.WaitForIngestionAsync(keyed.Operator);
        var audience = host.Services.GetRequiredService<LiveAudience>();
        await Waits.UntilAsync(() => audience.IsListening, LiveHost.Deadline, "the silo learning that the host listens");
        return keyed;
    }

    public async ValueTask DisposeAsync()
    {
        Operator.Dispose();
        await Host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }
}

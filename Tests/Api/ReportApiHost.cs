using System.Net;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// The real host (Kestrel on loopback, an in-process silo, grain state in SQLite) over 150 random stores, ingested.
/// One is shared by the report API tests that only trigger and read (each at a report time of its own, so no two
/// share a report); the tests that restart the host or hold its ingestion start one of their own.
/// </summary>
public sealed class ReportApiHost : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();

    public ApiHost Host { get; private set; } = null!;

    public string DataDirectory => _data.Path;

    private string DatabasePath => _database.File("storemonitor.db");

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 150, seed: 11);
        Host = await ApiHost.StartAsync(_data.Path, DatabasePath);
        await Host.WaitForIngestionAsync();
    }

    /// <summary>Stops the host and starts a new one on the same files and database.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await ApiHost.StartAsync(_data.Path, DatabasePath);
    }

    /// <summary>Triggers a report, asserting it was accepted; returns its id.</summary>
    public async Task<string> TriggerAsync(HttpContent? body = null, string query = "")
    {
        var response = await Host.Client.PostAsync($"/trigger_report{query}", body);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"trigger_report answered {response.StatusCode}");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.GetProperty("report_id").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }
}

using System.Net;
using System.Text.Json;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Postgres;

namespace StoreMonitor.Tests.Api;

/// <summary><c>/health/ready</c> on PostgreSQL asks the database itself, so a load balancer stops sending work when it goes.</summary>
[Trait("Category", TestCategories.Slow)]
public sealed class PostgresReadinessTests(ThrowawayPostgres postgres) : IClassFixture<ThrowawayPostgres>
{
    [SkippableFact]
    public async Task Ready_asks_PostgreSQL_and_turns_503_when_the_server_goes_away()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        using var data = new TempDirectory();
        using var database = new TempDirectory();
        TestDataset.Write(data.Path, stores: 20, seed: 7);
        var connectionString = await postgres.CreateDatabaseAsync("readiness");
        await using var host = await ApiHost.StartAsync(data.Path, database.File("unused.db"),
            "--StoreMonitor:Storage=postgres", $"--ConnectionStrings:StoreMonitor={connectionString}");
        await host.WaitForIngestionAsync();

        var (upStatus, upStorage) = await ReadyAsync(host);
        await postgres.StopAsync();
        var (downStatus, downStorage) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.OK, upStatus);
        Assert.Equal("Healthy", upStorage.GetProperty("status").GetString());
        Assert.Contains("PostgreSQL", upStorage.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, downStatus);
        Assert.Equal("Unhealthy", downStorage.GetProperty("status").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Storage)> ReadyAsync(ApiHost host)
    {
        var response = await host.Client.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, body.GetProperty("checks").GetProperty("storage").Clone());
    }
}

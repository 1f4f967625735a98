using System.Net;
using System.Text.Json;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// What a reader's call costs the cluster: an id nobody ingested is answered from the store index without activating
/// a store, and a store search looks at a bounded number of ids per page, however few of them match.
/// </summary>
public sealed class StoreReaderCostTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 30, seed: 41);
        _host = await ApiHost.StartAsync(_data.Path, _database.File("storemonitor.db"));
        await _host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Asking_for_stores_nobody_ingested_activates_no_store()
    {
        var before = await StoreActivationsAsync();
        Assert.True(before >= 30, $"{before} store activations after ingesting 30 stores: the count does not see them");

        foreach (var suffix in new[] { "", "/timeline", "/uptime" })
        {
            for (var i = 0; i < 20; i++)
            {
                var response = await _host.Client.GetAsync($"/stores/made-up-{i}{suffix}");
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Contains($"made-up-{i}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await StoreActivationsAsync());
        var known = JsonDocument.Parse(await _host.Client.GetStringAsync("/stores?limit=1")).RootElement.GetProperty("store_ids")[0].GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync($"/stores/{Uri.EscapeDataString(known)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync($"/stores/{Uri.EscapeDataString(known)}/timeline")).StatusCode);
    }

    [Fact]
    public async Task A_search_that_matches_little_answers_in_bounded_pages_that_together_find_every_match()
    {
        // More ids in two partitions than a page looks at in one, registered straight into the index (no store needs
        // to exist for the list): a search matching only a few of them must come back in several bounded pages.
        var many = IdsOfPartition(0, "bulk-", 3 * EndpointsExamined).Concat(IdsOfPartition(1, "bulk-", EndpointsExamined + 100)).ToArray();
        foreach (var group in many.GroupBy(StoreIndex.PartitionOf))
        {
            await _host.Grains.GetGrain<IStoreIndexGrain>(group.Key).Register([.. group.Select(id => new StoreRegistration(id, null))]);
        }

        var all = await AllIdsAsync();
        var expected = all.Where(id => id.Contains("12", StringComparison.OrdinalIgnoreCase)).ToArray();
        var rare = all.Where(id => id.Contains("-1234", StringComparison.OrdinalIgnoreCase)).ToArray();

        var (found, _) = await SearchAsync("12", limit: 10);
        var (rarelyFound, pages) = await SearchAsync("-1234", limit: 10);
        var (nothing, emptyPages) = await SearchAsync("no-such-id", limit: 10);

        Assert.Equal(expected, found);
        Assert.Equal(rare, rarelyFound);
        Assert.True(rare.Length < 10, $"{rare.Length} rare matches");
        Assert.True(pages >= 3, $"{pages} pages: a search looked at more ids than a page may");
        Assert.Equal(EndpointsExamined, StoreMonitor.Api.Endpoints.StoreEndpoints.ExaminedPerPartition);
        Assert.Empty(nothing);
        Assert.True(emptyPages >= 3, $"{emptyPages} pages: a search that matches nothing scanned every id at once");
        Assert.Subset(all.ToHashSet(StringComparer.Ordinal), many.ToHashSet(StringComparer.Ordinal));
    }

    // StoreEndpoints.ExaminedPerPartition, the ids a page looks at in each partition.
    private const int EndpointsExamined = 4096;

    private async Task<string[]> AllIdsAsync()
    {
        var (ids, _) = await SearchAsync(null, limit: 1000);
        return ids;
    }

    private async Task<(string[] Ids, int Pages)> SearchAsync(string? search, int limit)
    {
        var ids = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/stores?limit={limit}" + (search is null ? "" : $"&search={Uri.EscapeDataString(search)}") + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = JsonDocument.Parse(await _host.Client.GetStringAsync(url)).RootElement;
            var pageIds = page.GetProperty("store_ids").EnumerateArray().Select(id => id.GetString()!).ToArray();
            Assert.True(pageIds.Length <= limit);
            ids.AddRange(pageIds);
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10_000);

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Distinct(StringComparer.Ordinal).Count(), ids.Count);
        return ([.. ids], pages);
    }

    private static IEnumerable<string> IdsOfPartition(int partition, string prefix, int count) =>
        Enumerable.Range(0, int.MaxValue).Select(i => $"{prefix}{i}").Where(id => StoreIndex.PartitionOf(id) == partition).Take(count);

    private async Task<int> StoreActivationsAsync()
    {
        // The statistics name a grain by its class and assembly.
        var statistics = await _host.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(statistic => statistic.GrainType.StartsWith("StoreMonitor.Grains.Stores.StoreGrain,", StringComparison.Ordinal)).Sum(statistic => statistic.ActivationCount);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// An hours upload (or a changed hours file) that would drop the rows of most stores is refused unless it says
/// <c>?replace=true</c>; <c>?mode=merge</c> replaces the uploaded stores' rows only (issue 18, fault 10).
/// </summary>
public sealed class UploadReplaceGuardTests : IAsyncLifetime
{
    private const string HoursHeader = "store_id,dayOfWeek,start_time_local,end_time_local\n";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    private string Hours => _data.File("menu_hours.csv");

    public async Task InitializeAsync()
    {
        File.WriteAllText(_data.File("store_status.csv"), "store_id,status,timestamp_utc\n" +
            string.Concat("abcd".Select(store => $"{store},active,2023-01-23 12:00:00 UTC\n")));
        File.WriteAllText(Hours, HoursHeader + string.Concat("abcd".Select(store => $"{store},0,09:00,17:00\n")));
        _host = await ApiHost.StartAsync(_data.Path, _database.File("grains.db"), "--StoreMonitor:ScanInterval=00:00:00");
        await _host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    private Task<HttpResponseMessage> UploadHoursAsync(string rows, string query = "") =>
        _host.Client.PostAsync($"/ingestion/files?name=menu_hours.csv{query}", new StringContent(HoursHeader + rows, Encoding.UTF8, "text/csv"));

    private async Task<string> HoursOfAsync(string storeId) =>
        string.Join("; ", (await _host.Grains.GetGrain<IStoreGrain>(storeId).GetSummary()).Hours);

    [Fact]
    public async Task An_upload_that_would_drop_most_stores_rows_is_refused_with_409_naming_the_counts()
    {
        var before = File.ReadAllText(Hours);

        var response = await UploadHoursAsync("a,1,08:00,12:00\n");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((4, 3), (problem.GetProperty("stores_before").GetInt32(), problem.GetProperty("stores_dropped").GetInt32()));
        Assert.Contains("3 of the 4 stores", problem.GetProperty("detail").GetString());
        Assert.Equal(before, File.ReadAllText(Hours));
        Assert.Contains("09:00", await HoursOfAsync("b"));
    }

    [Fact]
    public async Task With_replace_true_the_upload_replaces_the_whole_file()
    {
        var response = await UploadHoursAsync("a,1,08:00,12:00\n", "&replace=true");
        await _host.WaitForIngestionAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await HoursOfAsync("b"));
        Assert.Contains("Tuesday", await HoursOfAsync("a"));
    }

    [Fact]
    public async Task With_mode_merge_the_uploaded_stores_rows_replace_theirs_and_the_file_is_rewritten_to_match()
    {
        var response = await UploadHoursAsync("a,1,08:00,12:00\n", "&mode=merge");
        await _host.WaitForIngestionAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HoursHeader + "a,1,08:00:00,12:00:00\nb,0,09:00:00,17:00:00\nc,0,09:00:00,17:00:00\nd,0,09:00:00,17:00:00\n", File.ReadAllText(Hours));
        Assert.DoesNotContain("Monday", await HoursOfAsync("a"));
        Assert.Contains("Tuesday", await HoursOfAsync("a"));
        Assert.Contains("Monday", await HoursOfAsync("b"));
    }

    [Fact]
    public async Task A_changed_file_that_would_drop_most_stores_rows_fails_its_run_leaves_every_store_and_says_so()
    {
        File.WriteAllText(Hours, HoursHeader + "a,1,08:00,12:00\n");

        var response = await _host.Client.PostAsync("/ingestion", null);
        var status = await _host.WaitForIngestionAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var hours = status.GetProperty("last_run").GetProperty("files").EnumerateArray().Single(file => file.GetProperty("file").GetString()!.EndsWith("menu_hours.csv", StringComparison.Ordinal));
        Assert.Contains("would drop the hours rows of 3 of the 4 stores", hours.GetProperty("error").GetString());
        Assert.Contains("?replace=true", hours.GetProperty("error").GetString());
        foreach (var store in new[] { "a", "b", "c", "d" })
        {
            Assert.Equal("BusinessHoursRow { Day = Monday, Start = 09:00:00, End = 17:00:00 }", await HoursOfAsync(store));
        }
    }
}

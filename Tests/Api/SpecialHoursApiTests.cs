using System.Net;
using System.Text;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// <c>special_hours.csv</c> uploaded to a real host (Kestrel, embedded silo, SQLite): recognised by its name or its
/// header, ingested, shown in <c>GET /stores/{id}</c>, counted by the store's report row, guarded like the hours file,
/// and its rejected rows listed by file, line and reason. The stores are those of the worked example in
/// docs/SEMANTICS.md.
/// </summary>
public sealed class SpecialHoursApiTests : IAsyncLifetime
{
    private const string SpecialHeader = "store_id,date,start_time_local,end_time_local\n";
    private const string AsOf = "2024-12-25T12:00:00Z";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_data.File("store_status.csv"), "store_id,status,timestamp_utc\n" +
            "s,active,2024-12-23 12:00:00 UTC\ns,inactive,2024-12-24 11:00:00 UTC\ns,inactive,2024-12-25 12:00:00 UTC\n" +
            "u,active,2024-12-24 12:00:00 UTC\nu,inactive,2024-12-25 12:00:00 UTC\n");
        File.WriteAllText(_data.File("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\n" +
            string.Concat(Enumerable.Range(0, 7).Select(day => $"s,{day},09:00,17:00\n")));
        File.WriteAllText(_data.File("timezones.csv"), "store_id,timezone_str\ns,UTC\nu,UTC\n");
        _host = await ApiHost.StartAsync(_data.Path, _database.File("grains.db"), "--StoreMonitor:ScanInterval=00:00:00");
        await _host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    /// <summary>Uploads, checks the 202, and waits until the run it started completed; returns that run's summary.</summary>
    private async Task<(JsonElement Upload, JsonElement Run)> UploadAndIngestAsync(HttpContent content, string query = "?name=special_hours.csv")
    {
        var response = await _host.Client.PostAsync($"/ingestion/files{query}", content);
        var upload = Json(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, upload.ToString());
        var runId = upload.GetProperty("run_id").GetString();
        JsonElement status = default;
        await Waits.UntilAsync(async () =>
        {
            status = Json(await _host.Client.GetStringAsync("/ingestion"));
            return status.GetProperty("state").GetString() == "Idle"
                && status.GetProperty("last_run") is { ValueKind: JsonValueKind.Object } last
                && last.GetProperty("run_id").GetString() == runId;
        }, TimeSpan.FromSeconds(60), $"ingestion run {runId}");
        return (upload, status.GetProperty("last_run"));
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<JsonElement> StoreAsync(string storeId) => Json(await _host.Client.GetStringAsync($"/stores/{storeId}"));

    private async Task<JsonElement> UptimeAsync(string storeId) => Json(await _host.Client.GetStringAsync($"/stores/{storeId}/uptime?as_of={AsOf}"));

    [Fact]
    public async Task An_uploaded_special_hours_file_is_ingested_and_shown_with_the_store()
    {
        var before = await UptimeAsync("s");

        var (upload, _) = await UploadAndIngestAsync(Csv(SpecialHeader + "s,2024-12-25,closed,closed\ns,2024-12-24,09:00,13:00\n"));
        var store = await StoreAsync("s");
        var after = await UptimeAsync("s");

        Assert.Equal(("SpecialHours", "special_hours.csv"), (upload.GetProperty("kind").GetString(), upload.GetProperty("file").GetString()));
        Assert.True(File.Exists(_data.File("special_hours.csv")));
        Assert.Equal(
            """[{"date":"2024-12-24","closed":false,"start":"09:00:00","end":"13:00:00"},{"date":"2024-12-25","closed":true,"start":null,"end":null}]""",
            store.GetProperty("special_hours").GetRawText());
        // Without special hours Christmas Eve afternoon and Christmas morning are down; with them, only 12:00–13:00 on the 24th.
        Assert.Equal((60m, 8m, 11m), (before.GetProperty("downtime_last_hour").GetDecimal(), before.GetProperty("downtime_last_day").GetDecimal(), before.GetProperty("downtime_last_week").GetDecimal()));
        Assert.Equal((0m, 1m, 4m), (after.GetProperty("downtime_last_hour").GetDecimal(), after.GetProperty("downtime_last_day").GetDecimal(), after.GetProperty("downtime_last_week").GetDecimal()));
        Assert.Equal(45m, after.GetProperty("uptime_last_week").GetDecimal());
    }

    [Fact]
    public async Task A_multipart_upload_without_a_known_name_is_recognised_by_its_date_column()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("start_time_local,end_time_local,date,store_id\nclosed,closed,2024-12-25,u\n", Encoding.UTF8, "text/csv"), "file", "holidays-from-the-crm.csv");

        var (upload, _) = await UploadAndIngestAsync(form, "");
        var store = await StoreAsync("u");
        var uptime = await UptimeAsync("u");

        Assert.Equal("SpecialHours", upload.GetProperty("kind").GetString());
        Assert.True(store.GetProperty("special_hours")[0].GetProperty("closed").GetBoolean());
        Assert.Empty(store.GetProperty("business_hours").EnumerateArray());
        // Open 24×7 but closed on Christmas Day: the Christmas poll is no evidence, so the store is up all along.
        Assert.Equal((12m, 156m, 0m), (uptime.GetProperty("uptime_last_day").GetDecimal(), uptime.GetProperty("uptime_last_week").GetDecimal(), uptime.GetProperty("downtime_last_week").GetDecimal()));
    }

    [Fact]
    public async Task Rejected_rows_are_listed_by_file_line_and_reason()
    {
        var (_, run) = await UploadAndIngestAsync(Csv(SpecialHeader + "s,2024-12-25,closed,closed\ns,25.12.2024,closed,closed\ns,2024-12-26,closed,\n"));

        var file = run.GetProperty("files").EnumerateArray().Single(file => file.GetProperty("file").GetString() == "special_hours.csv");
        Assert.Equal((3, 1, 2), (file.GetProperty("rows_read").GetInt32(), file.GetProperty("accepted").GetInt32(), file.GetProperty("rejected").GetInt32()));
        Assert.Equal(
            [
                "special_hours.csv:3: date '25.12.2024' is not a date (yyyy-MM-dd)",
                "special_hours.csv:4: start_time_local is 'closed' but end_time_local is empty: write closed in both time columns to close the date, or two times to open it",
            ],
            file.GetProperty("first_rejections").EnumerateArray().Select(rejection => rejection.GetString()));
    }

    [Fact]
    public async Task An_upload_that_would_drop_most_stores_special_hours_is_refused_and_merge_keeps_the_others()
    {
        await UploadAndIngestAsync(Csv(SpecialHeader + string.Concat("abcd".Select(store => $"{store},2024-12-25,closed,closed\n"))));

        var refused = await _host.Client.PostAsync("/ingestion/files?name=special_hours.csv", Csv(SpecialHeader + "a,2024-12-31,18:00,02:00\n"));
        var problem = Json(await refused.Content.ReadAsStringAsync());
        await UploadAndIngestAsync(Csv(SpecialHeader + "a,2024-12-31,18:00,24:00\n"), "?name=special_hours.csv&mode=merge");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal((4, 3), (problem.GetProperty("stores_before").GetInt32(), problem.GetProperty("stores_dropped").GetInt32()));
        Assert.Contains("special hours rows of 3 of the 4 stores", problem.GetProperty("detail").GetString());
        Assert.Equal(
            SpecialHeader + "a,2024-12-31,18:00:00,24:00:00\nb,2024-12-25,closed,closed\nc,2024-12-25,closed,closed\nd,2024-12-25,closed,closed\n",
            File.ReadAllText(_data.File("special_hours.csv")));
        Assert.Equal("24:00:00", (await StoreAsync("a")).GetProperty("special_hours")[0].GetProperty("end").GetString());
        Assert.True((await StoreAsync("b")).GetProperty("special_hours")[0].GetProperty("closed").GetBoolean());
    }
}

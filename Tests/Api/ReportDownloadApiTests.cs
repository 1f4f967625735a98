using System.Net;
using System.Text;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// A report's file over HTTP, streamed from its pieces: its length is known before the body (HEAD answers it), and a
/// report that has expired answers 404 saying so.
/// </summary>
public sealed class ReportDownloadApiTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 150, seed: 12);
        _host = await ApiHost.StartAsync(
            _data.Path,
            _database.File("storemonitor.db"),
            "--StoreMonitor:ReportSliceStores=3",
            "--StoreMonitor:ReportRetention:KeepAtLeast=1",
            "--StoreMonitor:ReportRetention:KeepAtMost=1");
        await _host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task The_file_streams_with_its_length_and_HEAD_answers_the_same_length_without_a_body()
    {
        var reportId = await ReportsOverHttp.TriggerAsync(_host.Client);
        var csv = await ReportsOverHttp.CsvAsync(_host.Client, reportId, TimeSpan.FromSeconds(60));

        var get = await _host.Client.GetAsync($"/get_report?report_id={reportId}");
        var head = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/get_report?report_id={reportId}"));

        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), csv);
        Assert.Equal(Encoding.UTF8.GetByteCount(csv), get.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal("text/csv", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_report_past_the_most_kept_answers_404_saying_it_expired()
    {
        var first = await ReportsOverHttp.TriggerAsync(_host.Client);
        await ReportsOverHttp.CsvAsync(_host.Client, first, TimeSpan.FromSeconds(60));
        var second = (await _host.Client.PostAsync("/trigger_report?as_of=2023-01-24T06:00:00Z", null)).EnsureSuccessStatusCode();
        var secondId = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;

        var expired = await _host.Client.GetAsync($"/get_report?report_id={first}");
        var listed = JsonDocument.Parse(await _host.Client.GetStringAsync("/reports")).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        var detail = JsonDocument.Parse(await expired.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("it has expired (reports are kept for 7 days, and at least the latest 1)", detail, StringComparison.Ordinal);
        Assert.Equal([secondId], listed.GetProperty("reports").EnumerateArray().Select(report => report.GetProperty("report_id").GetString()));
        await ReportsOverHttp.CsvAsync(_host.Client, secondId, TimeSpan.FromSeconds(60));
    }
}

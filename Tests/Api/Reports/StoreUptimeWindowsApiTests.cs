using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>A store's uptime takes the same windows as a report, and answers its row exactly as the report's JSON rows have it.</summary>
[Collection(nameof(ReportOptionsFixture))]
public sealed class StoreUptimeWindowsApiTests(ReportOptionsFixture fixture)
{
    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task A_stores_uptime_with_windows_is_its_row_of_the_report_with_those_windows()
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, """
            {"as_of": "2023-01-25T12:00:00Z", "include_percent": true, "windows": ["hour", "day", "month", {"name": "jan", "from": "2023-01-18T00:00:00Z", "to": "2023-01-19T00:00:00Z"}]}
            """);
        await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));
        var rows = JsonDocument.Parse(await Client.GetStringAsync($"/get_report?report_id={reportId}&format=json")).RootElement.GetProperty("rows").EnumerateArray().ToArray();

        foreach (var row in rows.Where((_, index) => index % 25 == 0))
        {
            var storeId = row.GetProperty("store_id").GetString();
            var uptime = JsonDocument.Parse(await Client.GetStringAsync(
                $"/stores/{storeId}/uptime?as_of=2023-01-25T12:00:00Z&windows=hour,day,month,jan:2023-01-18T00:00:00Z/2023-01-19T00:00:00Z&include_percent=true")).RootElement;

            Assert.Equal(storeId, uptime.GetProperty("store_id").GetString());
            Assert.Equal("2023-01-25T12:00:00Z", uptime.GetProperty("as_of").GetString());
            Assert.Equal(row.GetRawText(), uptime.GetProperty("row").GetRawText());
        }
    }

    [Fact]
    public async Task Without_windows_a_stores_uptime_is_unchanged()
    {
        var uptime = JsonDocument.Parse(await Client.GetStringAsync("/stores/1000000000000/uptime?as_of=2023-01-25T12:00:00Z")).RootElement;

        Assert.Equal(
            ["store_id", "as_of", "uptime_last_hour", "uptime_last_day", "uptime_last_week", "downtime_last_hour", "downtime_last_day", "downtime_last_week", "warning"],
            uptime.EnumerateObject().Select(property => property.Name));
    }
}

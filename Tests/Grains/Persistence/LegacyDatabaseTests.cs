using System.Net;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Persistence;

/// <summary>
/// <c>Fixtures/legacy-v1</c> is a SQLite database written by the service before grain types and serialized
/// types were pinned: 25 stores (UUID ids, 8 days of polls) and one completed report. Today's code must
/// read it as it is: a rename or a re-keying would lose the stores and the report.
/// </summary>
public sealed class LegacyDatabaseTests : IAsyncLifetime
{
    private const string AsOf = "2023-01-25T18:00:00Z";

    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-v1");

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _emptyData = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        // A copy, so the committed fixture is never written to.
        File.Copy(Path.Combine(Fixture, "storemonitor.db"), _directory.File("storemonitor.db"));
        _host = await ApiHost.StartAsync(_emptyData.Path, _directory.File("storemonitor.db"), "--StoreMonitor:IngestOnStart=false");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
        _emptyData.Dispose();
    }

    [Fact]
    public async Task A_report_completed_before_the_change_is_still_served_byte_for_byte()
    {
        var reportId = (await File.ReadAllTextAsync(Path.Combine(Fixture, "report_id"))).Trim();

        var response = await _host.Client.GetAsync($"/get_report?report_id={reportId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Fixture, "report.csv")), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_report_completed_before_the_change_is_served_as_json_row_for_row()
    {
        var reportId = (await File.ReadAllTextAsync(Path.Combine(Fixture, "report_id"))).Trim();
        var csv = (await File.ReadAllTextAsync(Path.Combine(Fixture, "report.csv"))).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var rows = JsonDocument.Parse(await _host.Client.GetStringAsync($"/get_report?report_id={reportId}&format=json")).RootElement.GetProperty("rows").EnumerateArray().ToArray();

        Assert.Equal(csv.Length - 1, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(csv[i + 1], string.Join(',', rows[i].EnumerateObject().Select(value => value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText())));
        }
    }

    [Fact]
    public async Task Stores_written_before_the_change_give_the_same_report_again()
    {
        var trigger = await _host.Client.PostAsync($"/trigger_report?as_of={AsOf}", null);
        var reportId = JsonDocument.Parse(await trigger.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString();

        var response = await _host.WaitForReportAsync(reportId!);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Fixture, "report.csv")), csv);
        Assert.Equal(26, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}

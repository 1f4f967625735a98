using System.Net;
using System.Text.Json;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>
/// A report that failed has no file: both download calls answer 409 with a problem saying it failed and why (the
/// error get_report shows). The failure is real: the host's storage refuses every piece of the report's rows.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class FailedReportDownloadTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 30, seed: 34);
        _host = await ApiHost.StartAsync(_data.Path, _database.File("storemonitor.db"), builder => FaultInjectingGrainStorage.Install(builder.Services), configureApp: null);
        await _host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task The_downloads_of_a_failed_report_answer_409_with_a_problem_saying_it_failed_and_why()
    {
        // The id is chosen here (as trigger_report would make one) so the fault can be planned before the report runs.
        var reportId = Guid.NewGuid().ToString("N");
        foreach (var partition in Enumerable.Range(0, StoreIndex.PartitionCount))
        {
            FaultInjectingGrainStorage.FailWrites(ReportParts.Key(reportId, partition, 0), count: int.MaxValue, when: _ => true);
        }

        await _host.Grains.GetGrain<IReportGrain>(reportId).Start(new ReportRequest(null));
        var finished = await _host.WaitForReportAsync(reportId);
        var status = JsonDocument.Parse(await finished.Content.ReadAsStringAsync()).RootElement;
        var error = status.GetProperty("error").GetString();

        var file = await _host.Client.GetAsync($"/get_report_file/{reportId}");
        var csv = await _host.Client.GetAsync($"/reports/{reportId}.csv");

        Assert.Equal("Failed", status.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error));
        foreach (var response in new[] { file, csv })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(409, problem.GetProperty("status").GetInt32());
            Assert.Equal("Report failed", problem.GetProperty("title").GetString());
            Assert.Equal($"Report '{reportId}' failed, so it has no file: {error}", problem.GetProperty("detail").GetString());
        }
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Security;

/// <summary>The cap on reports computed at once, and identical reports sharing one computation, over HTTP.</summary>
public sealed class ReportSharingTests : IAsyncLifetime
{
    private SecuredHost _secured = null!;

    public async Task InitializeAsync() => _secured = await SecuredHost.StartAsync(
        stores: 120,
        "--StoreMonitor:MaxConcurrentReports=1",
        "--StoreMonitor:RateLimit:TriggerReportPerMinute=100");

    public async Task DisposeAsync() => await _secured.DisposeAsync();

    private async Task<string> TriggerAsync(string asOf)
    {
        var response = await _secured.Operator.PostAsync($"/trigger_report?as_of={asOf}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;
    }

    private async Task<JsonElement> WaitForQueuedAsync(string reportId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var body = JsonDocument.Parse(await _secured.Reader.GetStringAsync($"/get_report?report_id={reportId}")).RootElement;
            if (body.GetProperty("phase").GetString() == "queued" || DateTimeOffset.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task With_every_slot_taken_reports_wait_queued_in_order_then_complete()
    {
        // The one slot is held, as a long report elsewhere in the cluster would hold it.
        var queue = _secured.Host.Grains.GetGrain<IReportQueueGrain>(0);
        Assert.Equal(ReportAdmissionKind.Granted, (await queue.Enter("held-by-test", "held-by-test")).Kind);
        var first = await TriggerAsync("2023-01-24T10:00:00Z");
        var firstQueued = await WaitForQueuedAsync(first);
        var second = await TriggerAsync("2023-01-23T10:00:00Z");
        var secondQueued = await WaitForQueuedAsync(second);

        await queue.Leave("held-by-test", completed: true);
        var firstDone = await _secured.Host.WaitForReportAsync(first, _secured.Reader);
        var secondDone = await _secured.Host.WaitForReportAsync(second, _secured.Reader);

        Assert.Equal("Running", firstQueued.GetProperty("status").GetString());
        Assert.Equal(1, firstQueued.GetProperty("queue_position").GetInt32());
        Assert.Equal("queued", secondQueued.GetProperty("phase").GetString());
        Assert.Equal(2, secondQueued.GetProperty("queue_position").GetInt32());
        Assert.Equal(
            Encoding.UTF8.GetString(EngineReference.Compute(_secured.DataDirectory, Instant.FromUtc(2023, 1, 24, 10, 0))),
            await firstDone.Content.ReadAsStringAsync());
        Assert.Equal(
            Encoding.UTF8.GetString(EngineReference.Compute(_secured.DataDirectory, Instant.FromUtc(2023, 1, 23, 10, 0))),
            await secondDone.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fifty_identical_triggers_at_once_all_complete_with_the_same_csv_from_one_computation()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => TriggerAsync("2023-01-25T06:00:00Z")));

        var responses = await Task.WhenAll(ids.Select(id => _secured.Host.WaitForReportAsync(id, _secured.Reader)));
        var csvs = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));

        Assert.Equal(50, ids.Distinct().Count());
        Assert.All(responses, response => Assert.Equal("Complete", response.Headers.GetValues("X-Report-Status").Single()));
        var expected = Encoding.UTF8.GetString(EngineReference.Compute(_secured.DataDirectory, Instant.FromUtc(2023, 1, 25, 6, 0)));
        Assert.All(csvs, csv => Assert.Equal(expected, csv));
        // One report computed; the 49 others took its result.
        Assert.Equal(49, _secured.Logs.Lines.Count(line => line.Contains("shares the computation of identical report", StringComparison.Ordinal)));
    }
}

using System.Net;
using System.Text.Json;

namespace StoreMonitor.Tests.Api.Security;

/// <summary>Per-caller limits on the calls that start work, on the real host.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const string SecondOperatorKey = "operator-two-0c6a2f9e";
    private SecuredHost _secured = null!;

    public async Task InitializeAsync() => _secured = await SecuredHost.StartAsync(
        stores: 10,
        "--StoreMonitor:RateLimit:TriggerReportPerMinute=3",
        "--StoreMonitor:RateLimit:IngestionPerMinute=1",
        $"--StoreMonitor:Auth:Keys:2:Key={SecondOperatorKey}",
        "--StoreMonitor:Auth:Keys:2:Role=operator");

    public async Task DisposeAsync() => await _secured.DisposeAsync();

    [Fact]
    public async Task Trigger_report_over_the_limit_is_a_429_problem_with_retry_after_counted_per_key()
    {
        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await _secured.Operator.PostAsync("/trigger_report", null)).StatusCode);
        }

        var refused = await _secured.Operator.PostAsync("/trigger_report", null);
        using var other = _secured.Host.CreateClient(SecondOperatorKey);
        var otherKey = await other.PostAsync("/trigger_report", null);

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.Accepted, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal(429, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, otherKey.StatusCode);
    }

    [Fact]
    public async Task Starting_ingestion_over_the_limit_is_a_429_before_it_reads_anything()
    {
        var first = await _secured.Operator.PostAsync("/ingestion", null);
        await _secured.Host.WaitForIngestionAsync(_secured.Reader);
        var runAfterFirst = (await _secured.Host.WaitForIngestionAsync(_secured.Reader)).GetProperty("last_run").GetProperty("run_id").GetString();

        var second = await _secured.Operator.PostAsync("/ingestion", null);
        var runAfterSecond = (await _secured.Host.WaitForIngestionAsync(_secured.Reader)).GetProperty("last_run").GetProperty("run_id").GetString();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Equal(runAfterFirst, runAfterSecond);
    }
}

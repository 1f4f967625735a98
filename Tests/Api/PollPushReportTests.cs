using System.Net;
using System.Text;
using System.Text.Json;
using StoreMonitor.Tests.Api.Security;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// Polls pushed over HTTP count in reports exactly as the same polls read from <c>store_status.csv</c>: the same stores,
/// the same report, byte for byte.
/// </summary>
public sealed class PollPushReportTests
{
    [Fact]
    public async Task A_report_over_pushed_polls_equals_the_report_over_the_same_polls_ingested_from_the_file()
    {
        using var filedData = new TempDirectory();
        using var pushedData = new TempDirectory();
        using var databases = new TempDirectory();
        TestDataset.Write(filedData.Path, stores: 40, seed: 19);
        TestDataset.Write(pushedData.Path, stores: 40, seed: 19);
        var rows = File.ReadAllLines(pushedData.File("store_status.csv"))[1..];
        // The pushed host has the same hours and zones, and its polls only from pushes.
        File.WriteAllText(pushedData.File("store_status.csv"), "store_id,status,timestamp_utc\n");

        string filedReport;
        await using (var filed = await ApiHost.StartAsync(filedData.Path, databases.File("filed.db"), "--StoreMonitor:ScanInterval=00:00:00"))
        {
            await filed.WaitForIngestionAsync();
            filedReport = await ReportsOverHttp.CsvAsync(filed.Client, await ReportsOverHttp.TriggerAsync(filed.Client), TimeSpan.FromSeconds(60));
        }

        string pushedReport;
        long accepted = 0;
        await using (var pushed = await ApiHost.StartAsync(pushedData.Path, databases.File("pushed.db"), "--StoreMonitor:ScanInterval=00:00:00"))
        {
            await pushed.WaitForIngestionAsync();
            var formats = new[] { "application/json", "application/x-ndjson", "text/csv" };
            var batches = rows.Chunk(500).ToArray();
            for (var i = 0; i < batches.Length; i++)
            {
                var response = await pushed.Client.PostAsync("/polls", Body(formats[i % formats.Length], batches[i]));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                accepted += JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt64();
            }

            pushedReport = await ReportsOverHttp.CsvAsync(pushed.Client, await ReportsOverHttp.TriggerAsync(pushed.Client), TimeSpan.FromSeconds(60));
        }

        Assert.True(rows.Length > 1000, "every format carries some of the polls");
        Assert.Equal(rows.Length, accepted);
        Assert.Equal(41, filedReport.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(filedReport, pushedReport);
    }

    [Fact]
    public async Task Pushing_needs_an_operator_key_and_is_limited_per_caller_by_PollsPerMinute()
    {
        await using var secured = await SecuredHost.StartAsync(stores: 3, "--StoreMonitor:Auth:Required=true", "--StoreMonitor:RateLimit:PollsPerMinute=2");
        using var anonymous = secured.Host.CreateClient(apiKey: null);
        const string Poll = """{"store_id": "keyed", "timestamp_utc": "2023-01-22T13:00:00Z", "status": "active"}""";

        var withoutKey = await anonymous.PostAsync("/polls", Body("application/json", Poll));
        var asReader = await secured.Reader.PostAsync("/polls", Body("application/json", Poll));
        var allowed = new[]
        {
            await secured.Operator.PostAsync("/polls", Body("application/json", Poll)),
            await secured.Operator.PostAsync("/polls", Body("application/json", Poll)),
        };
        var overLimit = await secured.Operator.PostAsync("/polls", Body("application/json", Poll));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        Assert.All(allowed, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, overLimit.StatusCode);
        Assert.NotNull(overLimit.Headers.RetryAfter);
    }

    private static StringContent Body(string contentType, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }

    /// <summary>CSV rows of <c>store_status.csv</c> (<c>store_id,status,timestamp_utc</c>) as a body of the given content type.</summary>
    private static StringContent Body(string contentType, string[] csvRows)
    {
        if (contentType == "text/csv")
        {
            return Body(contentType, "store_id,status,timestamp_utc\n" + string.Join("\n", csvRows) + "\n");
        }

        var items = csvRows.Select(row => row.Split(',')).Select(fields => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["store_id"] = fields[0],
            ["timestamp_utc"] = fields[2],
            ["status"] = fields[1],
        }));
        return Body(contentType, contentType == "application/json" ? "[" + string.Join(",", items) + "]" : string.Join("\n", items));
    }
}

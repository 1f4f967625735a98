using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary><c>POST /polls</c> on the real host: polls stored in their stores before the 202, idempotent, and refused whole only when nothing is valid.</summary>
/// <remarks>
/// Each test pushes stores of its own names and leaves the ingestion ledger as it found it (a run or report it begins, it
/// ends), so the class shares one host (<see cref="PushHost"/>).
/// </remarks>
public sealed class PollPushApiTests(PollPushApiTests.PushHost fixture) : IClassFixture<PollPushApiTests.PushHost>
{
    private const string PollsHeader = "store_id,status,timestamp_utc\n";
    private const long MaxPollsBytes = 4096;

    private ApiHost Host => fixture.Host;

    private TempDirectory Data => fixture.Data;

    [Fact]
    public async Task Pushed_polls_are_stored_and_a_new_store_is_registered_before_the_202()
    {
        var response = await PushAsync("application/json", """
            [{"store_id": "pushed", "timestamp_utc": "2023-01-22T13:00:00Z", "status": "inactive"},
             {"store_id": "pushed", "timestamp_utc": "2023-01-22 14:00:00 UTC", "status": "active"},
             {"store_id": "filed", "timestamp_utc": "2023-01-22T12:00:00Z", "status": "active"},
             {"store_id": "pushed", "timestamp_utc": "not a time", "status": "active"}]
            """);
        var body = await JsonAsync(response);
        // No waiting: the 202 comes once the stores hold the polls and the index has the new store.
        var store = JsonDocument.Parse(await Host.Client.GetStringAsync("/stores/pushed")).RootElement;
        var page = await Host.Client.GetStringAsync("/stores?search=pushed");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(4, body.GetProperty("items").GetInt64());
        Assert.Equal(2, body.GetProperty("accepted").GetInt64());
        Assert.Equal(1, body.GetProperty("duplicates").GetInt64());
        Assert.Equal(1, body.GetProperty("rejected").GetInt64());
        Assert.Equal(["item 4: timestamp_utc 'not a time' is not a valid UTC timestamp"], body.GetProperty("first_rejections").EnumerateArray().Select(item => item.GetString()));
        Assert.Equal(2, store.GetProperty("poll_count").GetInt32());
        Assert.Contains("\"pushed\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pushing_the_same_batch_again_counts_duplicates_and_changes_nothing()
    {
        const string Ndjson = """
            {"store_id": "twice", "timestamp_utc": "2023-01-22T13:00:00Z", "status": "inactive"}
            {"store_id": "twice", "timestamp_utc": "2023-01-22T14:00:00Z", "status": "active"}
            """;
        var first = await JsonAsync(await PushAsync("application/x-ndjson", Ndjson));
        var before = await Host.Client.GetStringAsync("/stores/twice/timeline?as_of=2023-01-22T15:00:00Z");

        var again = await PushAsync("application/x-ndjson", Ndjson);
        var second = await JsonAsync(again);
        var after = await Host.Client.GetStringAsync("/stores/twice/timeline?as_of=2023-01-22T15:00:00Z");

        Assert.Equal(2, first.GetProperty("accepted").GetInt64());
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(0, second.GetProperty("accepted").GetInt64());
        Assert.Equal(2, second.GetProperty("duplicates").GetInt64());
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("application/json", """[{"store_id": "x", "timestamp_utc": "2023-01-22T13:00:00Z", "status": "maybe"}]""", "item 1: status 'maybe' is neither 'active' nor 'inactive'")]
    [InlineData("application/x-ndjson", "{\"store_id\": \"\", \"timestamp_utc\": \"2023-01-22T13:00:00Z\", \"status\": \"active\"}\n", "line 1: missing store_id")]
    [InlineData("text/csv", PollsHeader + "x,active,\n", "line 2: missing timestamp_utc")]
    public async Task A_push_with_no_valid_poll_is_a_400_naming_the_first_rejection_and_stores_nothing(string contentType, string body, string rejection)
    {
        var response = await PushAsync(contentType, body);
        var problem = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(rejection, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([rejection], problem.GetProperty("first_rejections").EnumerateArray().Select(item => item.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync("/stores/x")).StatusCode);
    }

    [Theory]
    [InlineData("application/json", "[]", "The body holds no poll.")]
    [InlineData("application/json", "", "The body is empty: send at least one poll.")]
    [InlineData("text/csv", "store_id,status\nx,active\n", "line 1: missing column 'timestamp_utc' (found: store_id, status)")]
    [InlineData("application/json", "[{", "The body is not valid JSON: line 1, byte")]
    public async Task A_body_that_is_no_batch_of_polls_is_a_400_saying_why(string contentType, string body, string detail)
    {
        var response = await PushAsync(contentType, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(detail, (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_content_type_is_a_415()
    {
        var response = await PushAsync("application/xml", "<polls/>");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-ndjson", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_MaxPollsBytes_is_a_413_naming_the_setting_whether_declared_or_streamed(bool chunked)
    {
        var rows = string.Concat(Enumerable.Range(0, 200).Select(i => $"big,active,2023-01-22 12:{i % 60:00}:{i / 60:00} UTC\n"));
        Assert.True(Encoding.UTF8.GetByteCount(PollsHeader + rows) > MaxPollsBytes);
        HttpContent content = chunked
            ? new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(PollsHeader + rows)))
            : new StringContent(PollsHeader + rows, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        var response = await Host.Client.PostAsync("/polls", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("StoreMonitor:Limits:MaxPollsBytes", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync("/stores/big")).StatusCode);
    }

    /// <remarks>Slow: the refusal waits out the push's real five-second wait for the lease.</remarks>
    [Fact]
    [Trait("Category", TestCategories.Slow)]
    public async Task A_push_while_a_file_run_holds_the_lease_is_a_503_with_retry_after_and_stores_nothing_then_goes_through()
    {
        var ledger = Host.Grains.GetGrain<IIngestionLedgerGrain>(0);
        var run = await ledger.TryBegin(new IngestionRunInfo(Guid.NewGuid().ToString("N"), Data.Path, SystemClock.Instance.GetCurrentInstant()));
        Assert.NotNull(run);

        var refused = await PushAsync("text/csv", PollsHeader + "during,active,2023-01-22 13:00:00 UTC\n");
        var detail = (await JsonAsync(refused)).GetProperty("detail").GetString();
        var storedDuringRun = (await Host.Client.GetAsync("/stores/during")).StatusCode;

        await ledger.Complete(new IngestionSummary(run.RunId, run.Directory, run.StartedAt, SystemClock.Instance.GetCurrentInstant(), [], 0, "", null, [], run.RunNumber), await ledger.GetFiles());
        var accepted = await PushAsync("text/csv", PollsHeader + "during,active,2023-01-22 13:00:00 UTC\n");
        var body = await JsonAsync(accepted);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains($"Ingestion run {run.RunNumber} is in progress", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, storedDuringRun);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        // The push is a run of its own, numbered after the file run, so stores fence it like one.
        Assert.True(body.GetProperty("run_number").GetInt64() > run.RunNumber);
        Assert.Equal(1, body.GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task A_push_waits_for_a_report_that_is_reading_then_writes_all_of_it_and_reports_after_it_count_it()
    {
        var ledger = Host.Grains.GetGrain<IIngestionLedgerGrain>(0);
        Assert.NotNull(await ledger.TryBeginReport("reading-report"));

        var push = PushAsync("application/json", """
            [{"store_id": "late-a", "timestamp_utc": "2023-01-22T13:00:00Z", "status": "active"},
             {"store_id": "late-b", "timestamp_utc": "2023-01-22T13:00:00Z", "status": "active"}]
            """);
        // The push holds the lease (so new reports wait for it) but writes nothing while the report reads.
        await Waits.UntilAsync(async () => (await ledger.GetStatus()).CurrentRun is { Push: true }, TimeSpan.FromSeconds(10), "the push taking the lease");
        var waitFor = (await ledger.GetStatus()).ReportsWaitFor;
        var storedWhileReading = await Host.Client.GetAsync("/stores/late-a");
        Assert.False(push.IsCompleted);

        Assert.True(await ledger.EndReport("reading-report"));
        var response = await push;
        var status = await ledger.GetStatus();

        Assert.StartsWith("A push of polls", waitFor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, storedWhileReading.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(IngestionState.Idle, status.State);
        Assert.Null(status.ReportsWaitFor);
        Assert.Equal(HttpStatusCode.OK, (await Host.Client.GetAsync("/stores/late-b")).StatusCode);
    }

    [Fact]
    public async Task Metrics_count_pushed_polls_by_outcome()
    {
        await PushAsync("text/csv", PollsHeader + "metered,active,2023-01-22 13:00:00 UTC\nmetered,active,2023-01-22 13:00:00 UTC\nmetered,gone,2023-01-22 13:00:00 UTC\n");

        string metrics = "";
        await Waits.UntilAsync(async () => (metrics = await Host.Client.GetStringAsync("/metrics")).Contains("storemonitor_polls_pushed_rejected_total", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the pushed-poll metrics");

        Assert.True(Counter(metrics, "storemonitor_polls_pushed_accepted_total") >= 1);
        Assert.True(Counter(metrics, "storemonitor_polls_pushed_duplicate_total") >= 1);
        Assert.True(Counter(metrics, "storemonitor_polls_pushed_rejected_total") >= 1);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_push_its_three_body_types_and_its_answers()
    {
        var document = JsonDocument.Parse(await Host.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var push = document.GetProperty("paths").GetProperty("/polls").GetProperty("post");

        Assert.Equal(["application/json", "application/x-ndjson", "text/csv"], push.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(type => type.Name));
        Assert.Equal(["202", "400", "413", "415", "503"], push.GetProperty("responses").EnumerateObject().Select(response => response.Name).Order());
    }

    private static double Counter(string metrics, string name) =>
        metrics.Split('\n').Where(line => line.StartsWith(name, StringComparison.Ordinal)).Sum(line => double.Parse(line.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));

    private Task<HttpResponseMessage> PushAsync(string contentType, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return Host.Client.PostAsync("/polls", content);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>A body of unknown length, so it travels chunked and the limit is found while streaming.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A host over one filed store, with a small push limit and no scan, started once for the class.</summary>
    public sealed class PushHost : IAsyncLifetime
    {
        private readonly TempDirectory _database = new();

        public TempDirectory Data { get; } = new();

        public ApiHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            File.WriteAllText(Data.File("store_status.csv"), PollsHeader + "filed,active,2023-01-22 12:00:00 UTC\n");
            Host = await ApiHost.StartAsync(Data.Path, _database.File("grains.db"), "--StoreMonitor:ScanInterval=00:00:00", $"--StoreMonitor:Limits:MaxPollsBytes={MaxPollsBytes}");
            await Host.WaitForIngestionAsync();
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            Data.Dispose();
            _database.Dispose();
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Security;

/// <summary>API keys on the real host with <c>StoreMonitor:Auth:Required=true</c>: who may call what, and what is answered otherwise.</summary>
/// <remarks>The tests only read or trigger reports, so the class shares one host (<see cref="KeyedHost"/>).</remarks>
public sealed class ApiKeyTests(ApiKeyTests.KeyedHost fixture) : IClassFixture<ApiKeyTests.KeyedHost>
{
    private SecuredHost Secured => fixture.Secured;

    private HttpClient Anonymous => Secured.Host.Client;

    [Theory]
    [InlineData("POST", "/trigger_report")]
    [InlineData("GET", "/get_report?report_id=0123456789abcdef0123456789abcdef")]
    [InlineData("GET", "/ingestion")]
    [InlineData("POST", "/ingestion")]
    [InlineData("GET", "/stores/1000000000000")]
    [InlineData("GET", "/stores/1000000000000/timeline")]
    [InlineData("GET", "/no-such-endpoint")]
    public async Task A_call_without_a_key_is_a_401_problem_with_a_challenge(string method, string url)
    {
        var response = await Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "ApiKey");
        Assert.Contains("X-API-Key", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_that_says_the_key_is_not_valid()
    {
        using var wrong = Secured.Host.CreateClient(SecuredHost.OperatorKey + "x");

        var response = await wrong.PostAsync("/trigger_report", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("not valid", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("POST", "/trigger_report")]
    [InlineData("POST", "/ingestion")]
    public async Task A_reader_key_on_an_operator_call_is_a_403_problem(string method, string url)
    {
        var response = await Secured.Reader.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("operator", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reader_key_reads_ingestion_stores_and_reports()
    {
        var storeId = Encoding.UTF8.GetString(EngineReference.Compute(Secured.DataDirectory)).Split('\n')[1].Split(',')[0];

        var ingestion = await Secured.Reader.GetAsync("/ingestion");
        var store = await Secured.Reader.GetAsync($"/stores/{storeId}");
        var timeline = await Secured.Reader.GetAsync($"/stores/{storeId}/timeline");
        var unknownReport = await Secured.Reader.GetAsync("/get_report?report_id=0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.OK, ingestion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, store.StatusCode);
        Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownReport.StatusCode);
    }

    [Fact]
    public async Task An_operator_key_configured_by_its_hash_triggers_a_report_a_reader_downloads()
    {
        var triggered = await Secured.Operator.PostAsync("/trigger_report", null);
        var reportId = JsonDocument.Parse(await triggered.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;

        var report = await Secured.Host.WaitForReportAsync(reportId, Secured.Reader);

        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        Assert.Equal("Complete", report.Headers.GetValues("X-Report-Status").Single());
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(Secured.DataDirectory)), await report.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_is_also_accepted_as_a_bearer_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/trigger_report");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecuredHost.OperatorKey);

        var response = await Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Keys_never_appear_in_the_logs()
    {
        using var wrong = Secured.Host.CreateClient("wrong-key-5d1c7e");
        await wrong.GetAsync("/ingestion");
        await Secured.Reader.PostAsync("/trigger_report", null);
        var triggered = await Secured.Operator.PostAsync("/trigger_report", null);
        var reportId = JsonDocument.Parse(await triggered.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;
        await Secured.Host.WaitForReportAsync(reportId, Secured.Reader);

        var lines = Secured.Logs.Lines.ToArray();

        // The capture did see the requests (so the check below is not vacuous)...
        Assert.Contains(lines, line => line.Contains("/trigger_report", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("was not authenticated", StringComparison.Ordinal));
        // ...and none of the keys, or the operator key's configured digest.
        foreach (var secret in new[] { SecuredHost.ReaderKey, SecuredHost.OperatorKey, "wrong-key-5d1c7e", SecuredHost.Sha256Hex(SecuredHost.OperatorKey) })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>A host that requires keys, started once for the class.</summary>
    public sealed class KeyedHost : IAsyncLifetime
    {
        public SecuredHost Secured { get; private set; } = null!;

        public async Task InitializeAsync() => Secured = await SecuredHost.StartAsync(stores: 30, "--StoreMonitor:Auth:Required=true");

        public async Task DisposeAsync() => await Secured.DisposeAsync();
    }
}

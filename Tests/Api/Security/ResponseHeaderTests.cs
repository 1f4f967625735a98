using System.Net;
using System.Text.Json;

namespace StoreMonitor.Tests.Api.Security;

/// <summary>Security headers, CSV download headers, cross-origin access and Kestrel's request size limits, on the real host.</summary>
/// <remarks>The tests only read or trigger a report, so the class shares one host (<see cref="HeadersHost"/>).</remarks>
public sealed class ResponseHeaderTests(ResponseHeaderTests.HeadersHost fixture) : IClassFixture<ResponseHeaderTests.HeadersHost>
{
    private const string AllowedOrigin = "https://ops.example.com";

    private SecuredHost Secured => fixture.Secured;

    [Fact]
    public async Task Every_response_refusals_included_says_nosniff_and_carries_a_content_security_policy()
    {
        var refused = await Secured.Host.Client.GetAsync("/ingestion");
        var read = await Secured.Reader.GetAsync("/ingestion");

        foreach (var response in new[] { refused, read })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'self'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
        }
    }

    [Fact]
    public async Task A_report_downloads_as_an_attachment_named_after_its_id()
    {
        var triggered = await Secured.Operator.PostAsync("/trigger_report", null);
        var reportId = JsonDocument.Parse(await triggered.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;

        var report = await Secured.Host.WaitForReportAsync(reportId, Secured.Reader);

        var disposition = report.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"report-{reportId}.csv", disposition.FileName?.Trim('"'));
    }

    [Fact]
    public async Task A_configured_origin_gets_its_preflight_answered_without_a_key_and_others_get_nothing()
    {
        var allowed = await Secured.Host.Client.SendAsync(Preflight(AllowedOrigin));
        var other = await Secured.Host.Client.SendAsync(Preflight("https://elsewhere.example.net"));

        Assert.True(allowed.IsSuccessStatusCode, $"preflight answered {allowed.StatusCode}");
        Assert.Equal(AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("X-API-Key", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_overlong_request_line_is_a_414_and_oversized_headers_a_431()
    {
        var longQuery = await Secured.Reader.GetAsync("/get_report?report_id=" + new string('a', 10_000));
        using var bigHeaders = new HttpRequestMessage(HttpMethod.Get, "/ingestion");
        bigHeaders.Headers.Add("X-Padding", new string('b', 20_000));
        var tooManyBytes = await Secured.Reader.SendAsync(bigHeaders);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, longQuery.StatusCode);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, tooManyBytes.StatusCode);
    }

    [Fact]
    public async Task An_allowed_origin_may_negotiate_with_the_live_events_hub_with_the_headers_signalr_clients_send()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/hubs/events/negotiate?negotiateVersion=1");
        preflight.Headers.Add("Origin", AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,x-requested-with,x-signalr-user-agent");

        var response = await Secured.Host.Client.SendAsync(preflight);

        var allowed = response.Headers.GetValues("Access-Control-Allow-Headers").SelectMany(value => value.Split(',')).Select(name => name.Trim().ToLowerInvariant()).ToHashSet();
        Assert.Equal(AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Superset(new HashSet<string> { "authorization", "x-requested-with", "x-signalr-user-agent" }, allowed);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/trigger_report");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key");
        return request;
    }

    /// <summary>A host that requires keys and allows one origin, started once for the class.</summary>
    public sealed class HeadersHost : IAsyncLifetime
    {
        public SecuredHost Secured { get; private set; } = null!;

        public async Task InitializeAsync() => Secured = await SecuredHost.StartAsync(
            stores: 10,
            "--StoreMonitor:Auth:Required=true",
            $"--StoreMonitor:Cors:AllowedOrigins:0={AllowedOrigin}");

        public async Task DisposeAsync() => await Secured.DisposeAsync();
    }
}

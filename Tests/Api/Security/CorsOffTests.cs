using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Security;

public sealed class CorsOffTests
{
    [Fact]
    public async Task Without_configured_origins_no_cross_origin_access_is_granted()
    {
        await using var secured = await SecuredHost.StartAsync(stores: 5);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ingestion");
        request.Headers.Add("Origin", "https://ops.example.com");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/trigger_report");
        preflight.Headers.Add("Origin", "https://ops.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await secured.Reader.SendAsync(request);
        var preflightResponse = await secured.Host.Client.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

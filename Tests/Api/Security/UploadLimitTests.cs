using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoreMonitor.Api.Security;

namespace StoreMonitor.Tests.Api.Security;

/// <summary>
/// The upload size hook on Kestrel (loopback): an endpoint marked <c>WithUploadSizeLimit()</c> refuses a larger
/// body, declared or streamed, and its handler never sees it. Upload endpoints themselves belong to ingestion.
/// </summary>
public sealed class UploadLimitTests : IAsyncLifetime
{
    private const long Limit = 4096;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private int _handled;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.UseUploadLimits(Limit);
        _app.MapPost("/upload", async (HttpRequest request) =>
        {
            var bytes = 0L;
            var buffer = new byte[1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
            }

            Interlocked.Increment(ref _handled);
            return Results.Ok(bytes);
        }).WithUploadSizeLimit();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_body_within_the_limit_reaches_the_endpoint()
    {
        var response = await _client.PostAsync("/upload", new ByteArrayContent(new byte[Limit]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _handled);
    }

    [Fact]
    public async Task A_declared_larger_body_is_a_413_problem_and_never_handled()
    {
        var response = await _client.PostAsync("/upload", new ByteArrayContent(new byte[Limit + 1]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task A_streamed_body_that_grows_past_the_limit_is_a_413_and_never_handled()
    {
        var content = new StreamContent(new MemoryStream(new byte[Limit * 4]));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _handled);
    }
}

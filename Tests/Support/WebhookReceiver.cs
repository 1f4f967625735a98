using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// A webhook receiver on 127.0.0.1 (real Kestrel): records every POST with its headers and raw body and answers with
/// the status its <c>answer</c> gives for the request's number (1-based). It verifies signatures itself, by the
/// Standard Webhooks rule, apart from the service's code.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly Func<int, int> _answer;
    private int _count;

    private WebhookReceiver(WebApplication app, Func<int, int> answer)
    {
        _app = app;
        _answer = answer;
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Sent as <c>Retry-After</c> (seconds) with every 429 and 503 answer when set.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <param name="port">0 for any free port; a fixed one to come back on the same URL after a restart.</param>
    public static async Task<WebhookReceiver> StartAsync(Func<int, int>? answer = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, answer ?? (_ => StatusCodes.Status200OK));
        app.MapPost("/hook", (Delegate)receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public Task WaitForAsync(int count, TimeSpan timeout) =>
        Waits.UntilAsync(() => _received.Count >= count, timeout, $"{count} webhook request(s) at {Url}");

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var number = Interlocked.Increment(ref _count);
        var status = _answer(number);
        _received.Enqueue(new ReceivedWebhook(
            http.Request.Headers["webhook-id"].ToString(),
            http.Request.Headers["webhook-timestamp"].ToString(),
            http.Request.Headers["webhook-signature"].ToString(),
            http.Request.ContentType,
            body.ToArray(),
            status,
            DateTimeOffset.UtcNow));
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable && RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the receiver got, and what it answered.</summary>
public sealed record ReceivedWebhook(string WebhookId, string Timestamp, string Signature, string? ContentType, byte[] Body, int AnsweredWith, DateTimeOffset ReceivedAt)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>
    /// The receiver's check (Standard Webhooks): the key is the base64 after <c>whsec_</c>; the signed content is
    /// <c>{webhook-id}.{webhook-timestamp}.{body}</c>; any of the space-separated <c>v1,</c> signatures may match,
    /// compared in constant time.
    /// </summary>
    public bool IsSignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{WebhookId}.{Timestamp}."), .. Body];
        var expected = HMACSHA256.HashData(key, signed);
        return Signature.Split(' ').Any(entry => entry.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(expected, TryBase64(entry[3..])));
    }

    private static byte[] TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}

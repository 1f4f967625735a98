using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// Sends deliveries over HTTP, one POST an attempt, signed as Standard Webhooks says, and turns whatever happens
/// (an answer, a refused target, no connection, no answer in time) into a <see cref="WebhookAttemptResult"/>; it
/// never throws for a receiver's fault. Runs in the silo, off the grains' turns.
/// </summary>
public sealed partial class WebhookSender(IHttpClientFactory clients, IClock clock, IOptions<WebhookOptions> options, ILogger<WebhookSender> logger)
{
    /// <summary>The named client: SSRF-guarded connections, no redirects, no proxy, the attempt timeout.</summary>
    public const string ClientName = "store-monitor-webhooks";

    /// <summary>A <c>Retry-After</c> is honoured up to this; a longer one waits this long.</summary>
    public static readonly Duration MaxRetryAfter = Duration.FromDays(1);

    public Task<WebhookAttemptResult[]> SendAsync(WebhookTarget target, IReadOnlyList<(StoreEvent Event, int Attempt)> deliveries) =>
        Task.WhenAll(deliveries.Select(delivery => SendOneAsync(target, delivery.Event, delivery.Attempt)));

    private async Task<WebhookAttemptResult> SendOneAsync(WebhookTarget target, StoreEvent storeEvent, int attempt)
    {
        var at = clock.GetCurrentInstant();
        var elapsed = Stopwatch.StartNew();
        var body = WebhookPayload.Serialize(storeEvent);
        var webhookId = WebhookPayload.WebhookId(storeEvent);
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(target.Key, webhookId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("StoreMonitor-Webhooks/1.0");

        int? status = null;
        string? error = null;
        Duration? retryAfter = null;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            status = (int)response.StatusCode;
            error = Describe(response.StatusCode);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                retryAfter = RetryAfter(response.Headers.RetryAfter, at);
            }
        }
        catch (HttpRequestException failure) when (failure.InnerException is WebhookTargetRefusedException refused)
        {
            error = $"refused: {refused.Message}";
        }
        catch (HttpRequestException failure) when (failure.InnerException is SocketException socket)
        {
            error = $"could not connect: {socket.Message}";
        }
        catch (HttpRequestException failure)
        {
            error = $"the request failed: {failure.Message}";
        }
        catch (OperationCanceledException)
        {
            error = $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s";
        }
        catch (Exception failure)
        {
            // Whatever else goes wrong is this attempt's failure: an outcome the queue records and retries, never a lost round.
            error = $"the request could not be made: {failure.Message}";
        }

        if (error is not null)
        {
            LogFailedAttempt(logger, storeEvent.Id, attempt, target.Url.GetLeftPart(UriPartial.Authority), error);
        }

        WebhookMetrics.AttemptMade(status is >= 200 and < 300);
        return new WebhookAttemptResult(storeEvent.Id, storeEvent.Kind, storeEvent.StoreId, attempt, at, status, error, retryAfter, (int)elapsed.ElapsedMilliseconds);
    }

    private static string? Describe(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => null,
        >= 300 and < 400 => $"HTTP {(int)status}: redirects are not followed",
        _ => $"HTTP {(int)status}",
    };

    private static Duration? RetryAfter(RetryConditionHeaderValue? header, Instant now)
    {
        var wait = header switch
        {
            { Delta: { } delta } => Duration.FromTimeSpan(delta),
            { Date: { } date } => Instant.FromDateTimeOffset(date) - now,
            _ => (Duration?)null,
        };
        return wait is { } value && value > Duration.Zero ? Duration.Min(value, MaxRetryAfter) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery of {EventId} (attempt {Attempt}) to {Endpoint} failed: {Error}")]
    private static partial void LogFailedAttempt(ILogger logger, string eventId, int attempt, string endpoint, string error);
}

using System.Net;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// What a subscription's URL may be, judged when it is created: https (http only to loopback, for tests), no
/// credentials, and, when the host is an IP address, one that <see cref="TargetAddressPolicy"/> allows. A host name is
/// judged at every connection instead (<see cref="GuardedConnection"/>), since what it resolves to can change.
/// </summary>
public static class WebhookUrlRules
{
    public const int MaxLength = 2048;

    /// <summary>Why <paramref name="url"/> cannot be a webhook's URL, or null when it can.</summary>
    public static string? Problem(string url, WebhookOptions options)
    {
        if (url.Length > MaxLength)
        {
            return $"url is {url.Length:N0} characters long; at most {MaxLength:N0}.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return "url must be an absolute http(s) URL such as https://hooks.example.com/store-monitor.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "url must not carry a user name or password: it is shown by GET /webhooks; authenticate deliveries by their signature.";
        }

        if (uri.Fragment.Length > 0)
        {
            return "url must not have a fragment (#…): it is never sent.";
        }

        var literal = IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) ? address : null;
        if (uri.Scheme == "http")
        {
            var loopback = literal is not null ? TargetAddressPolicy.IsLoopback(literal) : uri.IsLoopback;
            if (!loopback || !options.AllowLoopbackHttp)
            {
                return $"url must use https; http is allowed only to loopback, with {WebhookOptions.SectionName}:AllowLoopbackHttp (for tests).";
            }
        }

        if (literal is not null && TargetAddressPolicy.Refusal(literal, options) is { } refusal)
        {
            return $"url names {literal}, {refusal}; webhooks go to public addresses.";
        }

        return null;
    }
}

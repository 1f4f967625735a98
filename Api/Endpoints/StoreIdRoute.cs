using Microsoft.AspNetCore.Http.Features;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// The store id of a <c>/stores/{storeId}…</c> URL, percent-decoded exactly once. The server decodes the path except
/// <c>%2F</c>, so the route value of <c>/stores/a%2Fb</c> is <c>a%2Fb</c> and that of <c>/stores/a%252Fb</c> is the
/// same: only the raw request target tells the two apart. A store id is always one path segment (its <c>/</c>
/// encoded as <c>%2F</c>), so <c>/stores/{id}/timeline</c> is never ambiguous.
/// </summary>
internal static class StoreIdRoute
{
    public const string Parameter = "storeId";

    /// <summary>The decoded, valid store id of the request, or the problem to answer.</summary>
    public static (string? StoreId, string? Problem) Read(HttpContext context)
    {
        var id = Uri.UnescapeDataString(RawSegment(context) ?? context.Request.RouteValues[Parameter] as string ?? string.Empty);
        return StoreIds.Problem(id) is { } problem ? (null, $"'{Cut(id)}' is not a store id: {problem}.") : (id, null);
    }

    /// <summary>The path segment after <c>/stores/</c> as the client sent it, still percent-encoded.</summary>
    private static string? RawSegment(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return null; // absolute-form or missing: fall back on the route value
        }

        var path = target.AsSpan();
        if (path.IndexOfAny('?', '#') is var end and >= 0)
        {
            path = path[..end];
        }

        // Skip the path base (its own segments) and the "stores" segment.
        var skip = context.Request.PathBase.Value?.Count('/') ?? 0;
        var segments = path.ToString().Split('/');
        var index = skip + 2;
        return index < segments.Length && segments[index - 1].Equals("stores", StringComparison.OrdinalIgnoreCase) ? segments[index] : null;
    }

    private static string Cut(string text)
    {
        var printable = string.Concat(text.Take(80).Select(c => char.IsControl(c) ? '?' : c));
        return text.Length > 80 ? printable + "…" : printable;
    }
}

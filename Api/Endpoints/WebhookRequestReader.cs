using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Interfaces.Webhooks;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// Reads <c>POST /webhooks</c>'s JSON body: <c>url</c>, <c>events</c> (default: every kind), <c>stores</c> or
/// <c>store_prefix</c>. Anything it cannot use is a 400 problem whose title names the field and whose detail says the
/// rule. The URL's own rules (https, no private address) are the silo's, which delivers: the router answers them.
/// </summary>
internal static class WebhookRequestReader
{
    /// <summary>Room for 10,000 store ids of the longest kind in common use (UUIDs), with room to spare, as <c>trigger_report</c>.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public const string UrlName = "url";
    public const string EventsName = "events";
    public const string StoresName = "stores";
    public const string StorePrefixName = "store_prefix";

    private static readonly string Kinds = string.Join(", ", StoreEventKinds.All);

    public static async Task<(WebhookRequest? Request, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (request.ContentType is not null && !request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                $"Send the subscription as JSON (Content-Type: application/json), not '{Cut(request.ContentType)}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }

        if (request.ContentLength > MaxBodyBytes || await ReadAtMostAsync(request.Body, MaxBodyBytes + 1) is not { Length: <= MaxBodyBytes } body)
        {
            return (null, TypedResults.Problem($"The request body is larger than {MaxBodyBytes:N0} bytes; 10,000 store ids need under 500 KB.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large"));
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return Read(json.RootElement);
        }
        catch (JsonException error)
        {
            return (null, Invalid("body", $"The request body is not valid JSON: {error.Message} Send {{\"url\": \"https://…\", \"events\": [\"store.down\"]}}."));
        }
    }

    private static (WebhookRequest? Request, ProblemHttpResult? Problem) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, Invalid("body", "The request body must be a JSON object such as {\"url\": \"https://hooks.example.com/store-monitor\", \"events\": [\"store.down\", \"store.up\"]}."));
        }

        string? url = null;
        string[]? events = null, stores = null;
        string? prefix = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                return (null, Invalid(property.Name, $"{property.Name} is given more than once."));
            }

            var value = property.Value;
            ProblemHttpResult? problem = null;
            switch (property.Name)
            {
                case UrlName:
                    url = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    problem = value.ValueKind is JsonValueKind.String or JsonValueKind.Null
                        ? null
                        : Invalid(UrlName, "url must be a string: the https address deliveries are POSTed to.");
                    break;
                case EventsName:
                    (events, problem) = ReadEvents(value);
                    break;
                case StoresName:
                    (stores, problem) = ReadStores(value);
                    break;
                case StorePrefixName:
                    (prefix, problem) = ReadPrefix(value);
                    break;
                default:
                    // A misspelt filter silently ignored would deliver more than was asked for.
                    return (null, Invalid(property.Name, $"The body has an unknown property '{Cut(property.Name)}'; the properties are url, events, stores and store_prefix."));
            }

            if (problem is not null)
            {
                return (null, problem);
            }
        }

        if (string.IsNullOrWhiteSpace(url))
        {
            return (null, Invalid(UrlName, "url is required: the https address deliveries are POSTed to, e.g. https://hooks.example.com/store-monitor."));
        }

        if (stores is not null && prefix is not null)
        {
            return (null, Invalid(StoresName, "Give stores or store_prefix, not both: a subscription gets the stores named, or those whose id starts with the prefix."));
        }

        return (new WebhookRequest(url, new WebhookFilter(events ?? [.. StoreEventKinds.All], stores, prefix)), null);
    }

    private static (string[]?, ProblemHttpResult?) ReadEvents(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return (null, Invalid(EventsName, $"events must be a list of event kinds such as [\"store.down\", \"store.up\"]; the kinds are {Kinds}."));
        }

        var kinds = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !StoreEventKinds.All.Contains(item.GetString()!, StringComparer.Ordinal))
            {
                var text = item.ValueKind == JsonValueKind.String ? $"'{Cut(item.GetString()!)}'" : "not a string";
                return (null, Invalid(EventsName, $"events[{index}] ({text}) is not an event kind; the kinds are {Kinds}."));
            }

            if (!kinds.Contains(item.GetString()!, StringComparer.Ordinal))
            {
                kinds.Add(item.GetString()!);
            }

            index++;
        }

        return kinds.Count == 0
            ? (null, Invalid(EventsName, "events is empty; leave it out for every kind."))
            : ([.. kinds], null);
    }

    private static (string[]?, ProblemHttpResult?) ReadStores(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return (null, Invalid(StoresName, "stores must be a list of store ids such as [\"1001\", \"1002\"]."));
        }

        var count = value.GetArrayLength();
        if (count == 0)
        {
            return (null, Invalid(StoresName, "stores is empty; leave it out for every store."));
        }

        if (count > WebhookFilter.MaxStores)
        {
            return (null, Invalid(StoresName, $"stores names {count.ToString("N0", CultureInfo.InvariantCulture)} stores; a subscription names at most {WebhookFilter.MaxStores.ToString("N0", CultureInfo.InvariantCulture)} (or use store_prefix)."));
        }

        var ids = new List<string>(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return (null, Invalid(StoresName, $"stores[{index}] must be a string (a store id)."));
            }

            var id = item.GetString()!;
            if (StoreIds.Problem(id) is { } problem)
            {
                return (null, Invalid(StoresName, $"stores[{index}] ('{Cut(id)}') is no store id: {problem}."));
            }

            ids.Add(id);
            index++;
        }

        return ([.. ids.Distinct(StringComparer.Ordinal)], null);
    }

    private static (string?, ProblemHttpResult?) ReadPrefix(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return (null, Invalid(StorePrefixName, "store_prefix must be a string such as \"1001\"."));
        }

        var prefix = value.GetString()!;
        if (prefix.Length == 0)
        {
            return (null, Invalid(StorePrefixName, "store_prefix is empty; leave it out for every store."));
        }

        if (prefix.Any(char.IsControl))
        {
            return (null, Invalid(StorePrefixName, "store_prefix cannot contain a control character; store ids never do."));
        }

        return Encoding.UTF8.GetByteCount(prefix) > StoreIds.MaxUtf8Bytes
            ? (null, Invalid(StorePrefixName, $"store_prefix is longer than a store id can be ({StoreIds.MaxUtf8Bytes} bytes)."))
            : (prefix, null);
    }

    public static ProblemHttpResult Invalid(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid {field}");

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

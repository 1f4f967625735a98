using System.Net.Http.Headers;

namespace StoreMonitor.Ingestion.Push;

/// <summary>Which <see cref="PollBatchFormat"/> a content type names: the header of a <c>POST /polls</c> or of a NATS message.</summary>
public static class PollBatchContentType
{
    /// <summary>The format, or null for a content type that is none of them (or not a content type at all).</summary>
    public static PollBatchFormat? FormatOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) ? type.MediaType?.ToLowerInvariant() switch
        {
            "application/json" => PollBatchFormat.Json,
            "application/x-ndjson" or "application/ndjson" or "application/jsonl" => PollBatchFormat.Ndjson,
            "text/csv" => PollBatchFormat.Csv,
            _ => null,
        } : null;
}

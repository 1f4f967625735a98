namespace StoreMonitor.Ingestion.Push;

/// <summary>How a pushed body of polls is written; its content type says which.</summary>
public enum PollBatchFormat
{
    /// <summary><c>application/json</c>: an array of poll objects, or one poll object.</summary>
    Json,

    /// <summary><c>application/x-ndjson</c>: one poll object a line.</summary>
    Ndjson,

    /// <summary><c>text/csv</c>: a header with <c>store_id</c>, <c>status</c>, <c>timestamp_utc</c>, as <c>store_status.csv</c>.</summary>
    Csv,
}

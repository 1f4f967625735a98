namespace StoreMonitor.Ingestion.Push;

/// <summary>
/// Where pushed polls came from: the name a push's run carries (shown by <c>GET /ingestion</c> while it holds the lease)
/// and the <c>source</c> tag of the pushed-poll metrics.
/// </summary>
/// <param name="RunName">Stands where a file run names its data directory.</param>
/// <param name="MetricTag">The <c>source</c> tag's value, e.g. <c>http</c>.</param>
public sealed record PollPushSource(string RunName, string MetricTag)
{
    /// <summary><c>POST /polls</c>.</summary>
    public static readonly PollPushSource Http = new("POST /polls", "http");

    internal KeyValuePair<string, object?> Tag => new("source", MetricTag);
}

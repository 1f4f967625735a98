namespace StoreMonitor.Bench.Live;

/// <summary>The way <c>live-latency</c> pushes its polls into the host.</summary>
public enum LivePath
{
    /// <summary><c>POST /polls</c>, a batch per request, one request after another.</summary>
    Http,

    /// <summary>NATS JetStream, one poll a message, from many publishers at once, as a fleet of pollers publishes.</summary>
    Nats,
}

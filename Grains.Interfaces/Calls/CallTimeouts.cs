namespace StoreMonitor.Grains.Interfaces.Calls;

/// <summary>
/// The response timeout every silo and client uses, set here rather than left to Orleans' default so that the calls
/// designed around it keep their margin: a report slice answers "still computing" after a third of it, and an ingestion
/// batch of 256 stores or a partition registration take a few seconds at most. A call that times out is retried
/// (<see cref="TransientCallRetry"/>) only where it is idempotent, and a retried slice joins the first computation.
/// </summary>
public static class CallTimeouts
{
    public static readonly TimeSpan Response = TimeSpan.FromSeconds(30);
}

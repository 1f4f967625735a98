namespace StoreMonitor.Tests.Support.Postgres;

/// <summary>
/// A throwaway server that acknowledges a commit only once its WAL has left the server, as a production server does:
/// for tests that kill PostgreSQL and then count what survived.
/// </summary>
public sealed class DurablePostgres : ThrowawayPostgres
{
    protected override bool AcknowledgesOnlyWrittenCommits => true;
}

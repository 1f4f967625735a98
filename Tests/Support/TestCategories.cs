namespace StoreMonitor.Tests.Support;

/// <summary>
/// Test traits. <see cref="Slow"/> marks tests that start real servers or processes (PostgreSQL, Chromium, API
/// processes killed with SIGKILL, <c>scripts/cluster.sh</c>), run at scale, wait out real timeouts and retry
/// back-offs, or extend a property test past the seeds the inner loop keeps: <c>dotnet test --filter
/// "Category!=Slow"</c> runs the rest in under a minute of tests (see the README), for a contributor's inner loop.
/// <c>dotnet test</c> and CI run everything.
/// </summary>
public static class TestCategories
{
    public const string Slow = "Slow";
}

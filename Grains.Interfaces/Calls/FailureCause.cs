using System.Data.Common;
using Orleans.Storage;

namespace StoreMonitor.Grains.Interfaces.Calls;

/// <summary>
/// What an answer says of an exception: the kind of failure, in words a user can act on. The exception itself belongs
/// in the log: its message may name files, hosts, SQL or storage internals, none of which a caller can act on.
/// </summary>
public static class FailureCause
{
    public static string Describe(Exception error) =>
        Chain(error).Any(IsStorage) ? "the grain storage could not store or read its data (check that the database is reachable and has space left)"
        : Chain(error).Any(TransientCallRetry.IsTransient) ? "a silo did not answer in time (check that the silos are up: GET /cluster)"
        : "an unexpected error occurred";

    // A storage failure arrives wrapped: by the grain's state facet, and by the grain calls it crossed.
    private static bool IsStorage(Exception error) => error is IOException or DbException or InconsistentStateException;

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}

using Microsoft.Extensions.Logging;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace StoreMonitor.Grains.Interfaces.Calls;

/// <summary>
/// Retries a grain call that failed for a reason of the cluster, not of the data: a silo that went away (calls to it
/// fail until the cluster votes it out, then its grains re-activate elsewhere), or a second activation that lost the
/// race for the state while silos join or leave (the runtime deactivates it, so the next call reaches the one that
/// won). Only idempotent calls come here: ingestion's store updates and partition registrations, and a report's
/// questions to its partitions. Anything else (bad data, a bug) fails at once.
/// </summary>
public sealed class TransientCallRetry(ILogger logger, IReadOnlyList<TimeSpan>? delays = null)
{
    public static readonly IReadOnlyList<TimeSpan> DefaultDelays =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15)];

    private readonly IReadOnlyList<TimeSpan> _delays = delays ?? DefaultDelays;

    public async Task<T> RunAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception error) when (attempt < _delays.Count && IsTransient(error) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(error, "{What} failed; retry {Attempt} of {Attempts}", what, attempt + 1, _delays.Count);
                await Task.Delay(_delays[attempt], cancellationToken);
            }
        }
    }

    /// <summary>The same for a call that answers nothing.</summary>
    public Task RunAsync(string what, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(what, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    public static bool IsTransient(Exception error) =>
        error is TimeoutException or OrleansMessageRejectionException or ConnectionFailedException
            or SiloUnavailableException or InconsistentStateException;
}

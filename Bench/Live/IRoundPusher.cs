using NodaTime;

namespace StoreMonitor.Bench.Live;

/// <summary>Pushes a round of polls into the host by one <see cref="LivePath"/>, and returns once the host accepted every one.</summary>
internal interface IRoundPusher
{
    /// <summary>The path, as the printed lines name it.</summary>
    string Describe();

    /// <summary>
    /// Pushes <paramref name="batches"/> (each <see cref="LiveLatencyOptions.Batch"/> stores' polls, in order), all at
    /// <paramref name="at"/>, and notes in <paramref name="sentAt"/> when each store's poll was sent
    /// (<see cref="System.Diagnostics.Stopwatch"/> ticks). Returns where the round's time went, where the path knows more
    /// than its total, or null.
    /// </summary>
    Task<string?> PushAsync(IReadOnlyList<IReadOnlyList<LiveDataset.PushedPoll>> batches, Instant at, IDictionary<string, long>? sentAt);
}

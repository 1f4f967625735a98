using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans.Concurrency;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Live;

/// <summary>
/// One partition's live board (docs/LIVE.md#the-board): every store's live condition as the store last reported it (after
/// each ingest, through its partition's delivery), and a sweep every <see cref="LiveOptions.SweepInterval"/> that asks the
/// stores whose silence deadline passed, and only them, to send their <c>store.silent</c>. The board is a cache of the
/// stores' own answers: a store derives its condition from its polls, so a stale entry costs one question, never a wrong
/// event. It is written every <see cref="LiveOptions.BoardWriteInterval"/> when it changed, so a restarted silo sweeps the
/// deadlines it knew; a reminder per partition brings it back on another silo when its silo dies.
/// </summary>
[GrainType(GrainTypeNames.LiveBoard)]
[PartitionAffinityPlacement]
[Reentrant]
public sealed class LiveBoardGrain(
    [PersistentState(StateNames.LiveBoard, StorageNames.Grains)] IPersistentState<LiveBoardState> state,
    StoreGrainReferences stores,
    IClock clock,
    IOptions<StoreMonitorSiloOptions> options,
    ILogger<LiveBoardGrain> logger) : Grain, ILiveBoardGrain, IRemindable
{
    /// <summary>Store calls in flight at once, for a sweep or a snapshot.</summary>
    internal const int StoresAskedAtOnce = 16;

    /// <summary>Stores one sweep asks at most, so one round stays short; the rest are asked in the next.</summary>
    internal const int MostSweptPerRound = 2000;

    private const string KeepAwake = "live-board";
    private static readonly TimeSpan KeepAwakePeriod = TimeSpan.FromMinutes(1);

    private Dictionary<string, StoreLiveStatus> _stores = new(StringComparer.Ordinal);
    private bool _changed;
    private Instant _lastWrite;
    private Task _writing = Task.CompletedTask;
    private bool _sweeping;

    private LiveOptions Live => options.Value.Live;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stores = new Dictionary<string, StoreLiveStatus>(state.State.Stores, StringComparer.Ordinal);
        _lastWrite = clock.GetCurrentInstant();
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(Live.SweepInterval, Live.SweepInterval) { KeepAlive = true });
        try
        {
            await this.RegisterOrUpdateReminder(KeepAwake, KeepAwakePeriod, KeepAwakePeriod);
        }
        catch (Exception error) when (error is ReminderException or OrleansException or TimeoutException)
        {
            // The sweep runs while the board is active; the next activation registers the reminder again.
            logger.LogWarning(error, "Live board {Partition} could not register its reminder", this.GetPrimaryKeyLong());
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => WriteAsync(force: true);

    /// <summary>Nothing to do: the reminder exists to bring the board (and so its sweep) back after its silo is gone.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    public Task Wake() => Task.CompletedTask;

    public Task Update(StoreLiveReport[] reports)
    {
        foreach (var report in reports)
        {
            Apply(report.StoreId, report.Status);
        }

        return Task.CompletedTask;
    }

    public Task Forget(string storeId)
    {
        _changed |= _stores.Remove(storeId);
        return Task.CompletedTask;
    }

    public async Task<LiveBoardPage> GetNotUp(Instant now, int limit)
    {
        var ids = _stores.Where(entry => entry.Value.IsNotUp).Select(entry => entry.Key).ToArray();
        // Each store answers as of now, with its business minutes lost today; one that cannot answer shows as it last reported.
        var answers = await AskAsync(ids, store => store.GetLiveStatus(now));
        var notUp = new List<StoreLiveReport>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (answers[i] is { } fresh)
            {
                Apply(ids[i], fresh with { BusinessMinutesLostToday = 0 });
            }

            var status = answers[i] ?? _stores.GetValueOrDefault(ids[i]);
            if (status is { IsNotUp: true })
            {
                notUp.Add(new StoreLiveReport(ids[i], status));
            }
        }

        var first = notUp
            .OrderByDescending(report => report.Status.BusinessMinutesLostToday)
            .ThenBy(report => report.Status.DownSince)
            .ThenBy(report => report.StoreId, StringComparer.Ordinal)
            .Take(Math.Max(0, limit))
            .ToArray();
        return new LiveBoardPage(first, notUp.Count);
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (_sweeping)
        {
            return;
        }

        _sweeping = true;
        try
        {
            var now = clock.GetCurrentInstant();
            var due = _stores
                .Where(entry => entry.Value.SilenceCheckAt is { } checkAt && checkAt <= now)
                .Select(entry => entry.Key)
                .Take(MostSweptPerRound)
                .ToArray();
            if (due.Length > 0)
            {
                var answers = await AskAsync(due, store => store.CheckSilence(now));
                for (var i = 0; i < due.Length; i++)
                {
                    if (answers[i] is { } status)
                    {
                        Apply(due[i], status);
                    }
                }

                LiveMetrics.StoresSwept(due.Length);
            }

            await WriteAsync(force: false);
        }
        finally
        {
            _sweeping = false;
        }
    }

    /// <summary>Keeps the newer of two reports of a store: the store derives each from all it holds at that instant.</summary>
    private void Apply(string storeId, StoreLiveStatus status)
    {
        if (_stores.TryGetValue(storeId, out var known) && known.AsOf > status.AsOf)
        {
            return;
        }

        _stores[storeId] = status;
        _changed = true;
    }

    /// <summary>Asks each store, <see cref="StoresAskedAtOnce"/> at a time; a store that fails answers null (it is asked again later).</summary>
    private async Task<StoreLiveStatus?[]> AskAsync(string[] ids, Func<IStoreGrain, Task<StoreLiveStatus>> ask)
    {
        var answers = new StoreLiveStatus?[ids.Length];
        var next = 0;

        // Turns of this activation run one at a time, so the shared cursor needs no lock.
        async Task Worker()
        {
            while (next < ids.Length)
            {
                var index = next++;
                try
                {
                    answers[index] = await ask(stores.Get(ids[index]));
                }
                catch (Exception error)
                {
                    logger.LogWarning(error, "Live board {Partition}: store {StoreId} did not answer", this.GetPrimaryKeyLong(), ids[index]);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Clamp(ids.Length, 1, StoresAskedAtOnce)).Select(_ => Worker()));
        return answers;
    }

    private async Task WriteAsync(bool force)
    {
        // One write at a time (the grain is reentrant); a write that failed is the other's to log, not this one's to throw.
        while (!_writing.IsCompleted)
        {
            await Task.WhenAny(_writing);
        }

        var now = clock.GetCurrentInstant();
        if (!_changed || (!force && now - _lastWrite < Duration.FromTimeSpan(Live.BoardWriteInterval)))
        {
            return;
        }

        _changed = false;
        state.State = new LiveBoardState { Stores = new Dictionary<string, StoreLiveStatus>(_stores, StringComparer.Ordinal) };
        _writing = state.WriteStateAsync();
        try
        {
            await _writing;
            _lastWrite = now;
        }
        catch (Exception error)
        {
            // Written again at the next sweep; meanwhile the board in memory is whole.
            _changed = true;
            logger.LogWarning(error, "Live board {Partition} could not be written", this.GetPrimaryKeyLong());
        }
        finally
        {
            _writing = Task.CompletedTask;
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion.Hosting;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Push;

/// <summary>
/// Writes pushed polls to their stores as a small ingestion run of their own: under the ingestion ledger's lease (so
/// never beside a file run, and never while a report reads), with a run number that fences its store updates like a
/// run's, through the index partitions as a run delivers (<see cref="StoreUpdateSender"/>), the new stores registered
/// after their polls are stored. So a report counts a push entirely or not at all, and the answer comes only once every
/// store holds its polls durably. Pushes of this host queue here; a push that cannot get the lease soon is refused with
/// a time to send it again, having written nothing.
/// </summary>
public sealed class PollPusher(
    IGrainFactory grains,
    IClock clock,
    IOptions<IngestionOptions> options,
    LeaseHolderIdentity holder,
    IngestionCoordinator coordinator,
    ILogger<PollPusher> logger)
{
    /// <summary>How long a push waits for its turn and for the lease (a file run, another host's push) before it is refused.</summary>
    internal static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(5);

    /// <summary>How long a push holding the lease waits for the reports already reading: a report of 14k stores takes seconds.</summary>
    internal static readonly TimeSpan ReportsWait = TimeSpan.FromSeconds(30);

    /// <summary>When a refused push should come again: a file run of a day's drop takes seconds.</summary>
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(25);

    // One push of this host at a time: the lease admits one writer anyway, and waiting here costs no ledger calls.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TransientCallRetry _retry = new(logger);

    private IIngestionLedgerGrain Ledger => grains.GetGrain<IIngestionLedgerGrain>(0);

    /// <param name="polls">The valid polls of the push (at least one).</param>
    /// <param name="source">Where they came from: the name of the push's run and the tag of its metrics.</param>
    /// <param name="cancellationToken">Stops the wait for the lease (the caller went away); once the push writes, it finishes.</param>
    public async Task<PollPushOutcome> PushAsync(IReadOnlyList<PollRow> polls, PollPushSource source, CancellationToken cancellationToken)
    {
        var deadline = clock.GetCurrentInstant() + Duration.FromTimeSpan(LeaseWait);
        if (!await _turn.WaitAsync(LeaseWait, cancellationToken))
        {
            return Busy("other pushes to this host are still being written");
        }

        try
        {
            var run = await BeginAsync(source, deadline, cancellationToken);
            if (run is null)
            {
                return Busy((await Ledger.GetStatus()).ReportsWaitFor ?? "the ingestion lease is held");
            }

            return await WriteAsync(run, polls, source);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<IngestionRunInfo?> BeginAsync(PollPushSource source, Instant deadline, CancellationToken cancellationToken)
    {
        var push = new IngestionRunInfo(Guid.NewGuid().ToString("N"), source.RunName, clock.GetCurrentInstant(), Holder: holder.Current, Push: true);
        var recovered = false;
        while (true)
        {
            if (await Ledger.TryBegin(push with { StartedAt = clock.GetCurrentInstant() }) is { } granted)
            {
                return granted;
            }

            if (!recovered)
            {
                recovered = true;
                await RecoverAbandonedAsync();
            }

            if (clock.GetCurrentInstant() >= deadline)
            {
                return null;
            }

            await Task.Delay(LookAgain, cancellationToken);
        }
    }

    /// <summary>
    /// When the lease is held by a process of this machine that is gone (a host killed while it pushed or ran), voids
    /// it at once, as a file run would; and when an abandoned run's data is pending with no run to take over, starts the
    /// file run that ends the wait. Without this a restarted host whose predecessor died mid-push refused every push
    /// until that lease lapsed and a scan came by (never, with the scan off).
    /// </summary>
    private async Task RecoverAbandonedAsync()
    {
        var status = await Ledger.GetStatus();
        if (status.CurrentRun is { Holder: { } other } held && holder.WhyGone(other) is { } reason && await Ledger.Abandon(held.RunId, reason))
        {
            logger.LogWarning("Ingestion {RunId} (run {RunNumber}) was abandoned: {Reason}; a file run takes over before pushes go on", held.RunId, held.RunNumber, reason);
            await coordinator.ScanAsync();
        }
        else if (status is { State: IngestionState.Pending, CurrentRun: null })
        {
            await coordinator.ScanAsync();
        }
    }

    private async Task<PollPushOutcome> WriteAsync(IngestionRunInfo run, IReadOnlyList<PollRow> polls, PollPushSource source)
    {
        // Reports that were reading when the push took the lease finish first; new ones wait for the push.
        var drainDeadline = clock.GetCurrentInstant() + Duration.FromTimeSpan(ReportsWait);
        while (!await Ledger.ReportsDrained(run.RunId))
        {
            if (clock.GetCurrentInstant() >= drainDeadline)
            {
                await EndAsync(run);
                return Busy("reports are still reading the stores");
            }

            await Task.Delay(LookAgain);
        }

        var collector = new DatasetCollector();
        var sink = collector.PollSink(StorePass.Only);
        foreach (var poll in polls)
        {
            sink.Accept(poll);
        }

        // No heartbeat: a push is small. It stops writing well before its lease could lapse, so no report reads past it.
        using var withinLease = new CancellationTokenSource(run.LeaseDuration.ToTimeSpan() / 2);
        StoreUpdateOutcome sent;
        try
        {
            sent = await new StoreUpdateSender(grains, options.Value.IngestionConcurrency, logger).SendAsync(collector, run.RunNumber, withinLease.Token);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Push {RunId} (run {RunNumber}) stopped part-way; its data is pending until the next file run completes", run.RunId, run.RunNumber);
            await AbandonAsync(run, "the push of polls stopped part-way: " + (error is OperationCanceledException ? "it ran out of its lease" : FailureCause.Describe(error)));
            return Failed("the push stopped part-way; send it again (its polls already stored count as duplicates)");
        }

        if (!await EndAsync(run))
        {
            return Failed("the push lost its ingestion lease while it wrote; send it again (its polls already stored count as duplicates)");
        }

        if (sent.Failed > 0)
        {
            logger.LogWarning("Push {RunId} (run {RunNumber}): {Failed} stores could not be updated: {Failures}", run.RunId, run.RunNumber, sent.Failed, string.Join("; ", sent.FirstFailures));
            return Failed($"{sent.Failed:N0} of {sent.Failed + sent.Updated:N0} stores could not be updated; send the push again (its polls already stored count as duplicates). {string.Join("; ", sent.FirstFailures)}");
        }

        PollPushMetrics.RecordStored(sent.AcceptedPolls, sent.DuplicatePolls, source);
        return new PollPushOutcome(PollPushStatus.Stored, sent.AcceptedPolls, sent.DuplicatePolls, sent.Updated, run.RunNumber);
    }

    private async Task<bool> EndAsync(IngestionRunInfo run) =>
        await _retry.RunAsync($"Push {run.RunId}: end", () => Ledger.EndPush(run.RunId), CancellationToken.None);

    private async Task AbandonAsync(IngestionRunInfo run, string reason)
    {
        try
        {
            await Ledger.Abandon(run.RunId, reason);
            // A file run reads the files again and completes: that is what ends the wait of reports (see the ledger).
            await coordinator.ScanAsync();
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Push {RunId}: giving its lease up failed; it lapses on its own", run.RunId);
        }
    }

    private static PollPushOutcome Busy(string reason) => new(PollPushStatus.Busy, Reason: reason, RetryAfter: RetryAfter);

    private static PollPushOutcome Failed(string reason) => new(PollPushStatus.Failed, Reason: reason, RetryAfter: RetryAfter);
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// Lists every report kept, durably, and deletes those past their retention (<see cref="ReportRetention"/>) from an
/// hourly reminder, or at once when more than <see cref="ReportRetentionOptions.KeepAtMost"/> are listed.
/// </summary>
[GrainType(GrainTypeNames.ReportCatalog)]
public sealed class ReportCatalogGrain(
    [PersistentState(StateNames.ReportCatalog, StorageNames.Grains)] IPersistentState<ReportCatalogState> state,
    IClock clock,
    IOptions<StoreMonitorSiloOptions> options,
    ILogger<ReportCatalogGrain> logger) : Grain, IReportCatalogGrain, IRemindable
{
    private const string SweepReminder = "report-retention";
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromHours(1);

    // What every call sees of the list: only what is stored (Recent interleaves with the write of a new list, which
    // may be refused; then the report is not listed, and recording it again writes it).
    private readonly DurableState<ReportCatalogState> _catalog = new(state);

    private ReportRetentionOptions Retention => options.Value.ReportRetention;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await this.RegisterOrUpdateReminder(SweepReminder, SweepPeriod, SweepPeriod);
        }
        catch (Exception error) when (error is ReminderException or OrleansException or TimeoutException)
        {
            // The catalog still lists and records; the next activation registers the sweep again.
            logger.LogWarning(error, "The report catalog could not register its retention sweep");
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SweepReminder)
        {
            await Sweep();
        }
    }

    public async Task Record(ReportCatalogEntry entry)
    {
        var entries = _catalog.Current.Entries;
        if (entries.Exists(known => known.ReportId == entry.ReportId))
        {
            return;
        }

        await _catalog.ReplaceAsync(new ReportCatalogState { Entries = [.. entries, entry] });
        if (_catalog.Current.Entries.Count > Retention.KeepAtMost)
        {
            await Sweep();
        }
    }

    public Task<ReportCatalogEntry[]> Recent(int limit)
    {
        var entries = _catalog.Current.Entries;
        var count = Math.Clamp(limit, 0, entries.Count);
        var recent = new ReportCatalogEntry[count];
        for (var i = 0; i < count; i++)
        {
            recent[i] = entries[entries.Count - 1 - i];
        }

        return Task.FromResult(recent);
    }

    public async Task<int> Sweep()
    {
        var entries = _catalog.Current.Entries;
        var plan = await ReportRetention.PlanAsync(entries, Retention, clock.GetCurrentInstant(), UnfollowableAsync, StatusOf);
        var expired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in plan.Expire)
        {
            try
            {
                if (await GrainFactory.GetGrain<IReportGrain>(entry.ReportId).Expire())
                {
                    expired.Add(entry.ReportId);
                }
            }
            catch (Exception error)
            {
                // Listed still, so the next sweep tries again.
                logger.LogWarning(error, "Report {ReportId} could not be deleted; the next sweep tries again", entry.ReportId);
            }
        }

        if (expired.Count > 0 || plan.Learned.Count > 0)
        {
            // Listed still if the write is refused: the next sweep finds the deleted ones unknown and drops them then.
            await _catalog.ReplaceAsync(new ReportCatalogState
            {
                Entries = [.. entries
                    .Where(entry => !expired.Contains(entry.ReportId))
                    .Select(entry => plan.Learned.TryGetValue(entry.ReportId, out var rowsOf) ? entry with { RowsOf = rowsOf } : entry)],
            });
        }

        if (expired.Count > 0)
        {
            logger.LogInformation("Report retention: {Expired} report(s) deleted, {Kept} kept ({Rule})", expired.Count, _catalog.Current.Entries.Count, Retention.Describe());
        }

        return expired.Count;
    }

    private Task<ReportStatus> StatusOf(string reportId) => GrainFactory.GetGrain<IReportGrain>(reportId).GetStatus();

    private async Task UnfollowableAsync(IReadOnlyList<ReportCatalogEntry> reports)
    {
        var queue = GrainFactory.GetGrain<IReportQueueGrain>(0);
        foreach (var report in reports)
        {
            await queue.StopSharing(report.ReportId);
        }
    }
}

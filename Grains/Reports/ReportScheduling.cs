using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// A report's side of <see cref="IReportQueueGrain"/>: wait for a slot (showing the place in the queue), keep the
/// slot's lease while computing, or follow an identical report and show its progress until it is done.
/// </summary>
internal sealed class ReportScheduling(IGrainFactory grains, string reportId)
{
    public static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan LeaderPollInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan SlotRenewal = TimeSpan.FromSeconds(15);

    private IReportQueueGrain Queue => grains.GetGrain<IReportQueueGrain>(0);

    /// <summary>While queued or following: the phase to show instead of the computation's. Null otherwise.</summary>
    public ReportPhase? Phase { get; private set; }

    /// <summary>1 = next to compute; 0 when not queued.</summary>
    public int QueuePosition { get; private set; }

    /// <summary>While following: the leader's progress.</summary>
    public int StoresDone { get; private set; }

    public int StoresTotal { get; private set; }

    /// <summary>From the admission that says to follow until the follower is done: the report followed.</summary>
    public string? Following { get; private set; }

    /// <summary>While following a leader that waits for ingestion: why it waits.</summary>
    public string? WaitingFor { get; private set; }

    /// <summary>Waits until this report may compute (Granted) or should follow another (Follow).</summary>
    public async Task<ReportAdmission> AdmitAsync(string fingerprint)
    {
        while (true)
        {
            var admission = await Queue.Enter(reportId, fingerprint);
            if (admission.Kind != ReportAdmissionKind.Queued)
            {
                // Set in the turn the admission arrives: retention reads it to keep the leader's rows.
                Following = admission.LeaderReportId;
                Phase = null;
                QueuePosition = 0;
                return admission;
            }

            Phase = ReportPhase.Queued;
            QueuePosition = admission.QueuePosition;
            await Task.Delay(QueuePollInterval);
        }
    }

    /// <summary>Runs <paramref name="compute"/> while renewing the slot's lease, so a long report keeps its slot.</summary>
    public async Task<T> HoldSlotWhileAsync<T>(string fingerprint, Func<Task<T>> compute)
    {
        using var stop = new CancellationTokenSource();
        var renewals = RenewAsync(fingerprint, stop.Token);
        try
        {
            return await compute();
        }
        finally
        {
            await stop.CancelAsync();
            await renewals;
        }
    }

    /// <summary>Mirrors the leader's progress until it is done: its status when complete, null when it failed.</summary>
    public async Task<ReportStatus?> FollowAsync(string leaderId)
    {
        var leader = grains.GetGrain<IReportGrain>(leaderId);
        try
        {
            while (true)
            {
                var status = await leader.GetStatus();
                switch (status.State)
                {
                    case ReportState.Complete:
                        return status;
                    case ReportState.Running:
                        Phase = status.Phase;
                        QueuePosition = status.QueuePosition;
                        StoresDone = status.StoresDone;
                        StoresTotal = status.StoresTotal;
                        WaitingFor = status.WaitingFor;
                        await Task.Delay(LeaderPollInterval);
                        break;
                    default:
                        // Failed (or unknown): make sure no one else follows it, then compete for a slot again.
                        await Queue.Leave(leaderId, completed: false);
                        return null;
                }
            }
        }
        finally
        {
            Phase = null;
            QueuePosition = 0;
            WaitingFor = null;
            Following = null;
        }
    }

    public Task LeaveAsync(bool completed) => Queue.Leave(reportId, completed);

    /// <summary>
    /// Keeps the slot while the report computes. A renewal that fails (the queue's silo moving) is tried again at the
    /// next one: it must never fail a report that computes on, nor one that has finished.
    /// </summary>
    private async Task RenewAsync(string fingerprint, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(SlotRenewal, stop);
                await Queue.Enter(reportId, fingerprint);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // At worst the slot lapses and another report computes beside this one: slower, never wrong.
            }
        }
    }
}

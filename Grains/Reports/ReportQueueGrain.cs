using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// The single admission point for report computations. Its state is soft: every waiting or computing report
/// renews its place by calling again, so a new activation (after a silo loss) is rebuilt within seconds from the
/// reports themselves, whose Running state is what is durable. Only sharing with already finished reports is
/// forgotten then, which costs one extra computation.
/// </summary>
[GrainType(GrainTypeNames.ReportQueue)]
public sealed class ReportQueueGrain(IOptions<StoreMonitorSiloOptions> options, IClock clock) : Grain, IReportQueueGrain
{
    private readonly ReportQueue _queue = new(Math.Max(1, options.Value.MaxConcurrentReports));

    public Task<ReportAdmission> Enter(string reportId, string fingerprint) =>
        Task.FromResult(_queue.Enter(reportId, fingerprint, clock.GetCurrentInstant()));

    public Task Leave(string reportId, bool completed)
    {
        _queue.Leave(reportId, completed);
        return Task.CompletedTask;
    }

    public Task StopSharing(string reportId)
    {
        _queue.StopSharing(reportId);
        return Task.CompletedTask;
    }
}

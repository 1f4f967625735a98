using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// Writes the report API's answers once at start-up (a trigger's, a report's progress while it runs and once it is
/// complete) with the host's own JSON options, and reads a report time as <c>as_of</c> is read. System.Text.Json builds a
/// type's serialization code on its first use, by reflection and emitted code, and NodaTime its text patterns; without
/// this, the first report a user asks for compiles them (the converters, property accessors and pattern steps among the
/// methods <c>scripts/profile-cold-report.sh --jit-list</c> lists). Readiness waits for it (<see cref="Health.WarmUpHealthCheck"/>).
/// </summary>
internal sealed class ReportResponsesWarmUp(IOptions<JsonOptions> json, ILogger<ReportResponsesWarmUp> logger) : BackgroundService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDone => _done.Task.IsCompleted;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(WriteAnswers, stoppingToken);

    private void WriteAnswers()
    {
        try
        {
            var elapsed = Stopwatch.StartNew();
            var options = json.Value.SerializerOptions;
            var (asOf, _) = ReportTime.Parse("2023-01-25T18:00:00Z");
            var reportId = ReportIds.New();
            var running = new ReportStatus(reportId, ReportState.Running, asOf, asOf, asOf, null, 0, 1, 0, null, [], ReportPhase.Computing, QueuePosition: 1);
            var complete = running with { State = ReportState.Complete, FinishedAt = asOf, StoresDone = 1, RowCount = 1, Options = new ReportOptions(StoreIds: ["0"]) };
            JsonSerializer.SerializeToUtf8Bytes(new ReportTriggered(reportId), options);
            JsonSerializer.SerializeToUtf8Bytes(ReportProgress.From(running), options);
            JsonSerializer.SerializeToUtf8Bytes(ReportProgress.From(complete), options);
            logger.LogInformation("Report responses warmed up in {Seconds:F3} s", elapsed.Elapsed.TotalSeconds);
        }
        catch (Exception error)
        {
            // Only the first report's speed depends on it.
            logger.LogWarning(error, "Report responses warm-up failed; the first report compiles what it needs itself");
        }
        finally
        {
            _done.TrySetResult();
        }
    }
}

using StoreMonitor.Grains.Interfaces.IngestionLedger;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// <c>GET /ingestion</c>. <c>state</c> is <c>Idle</c>, <c>Running</c> or <c>Pending</c> (a run was abandoned and none has
/// taken over); <c>reports_wait_for</c> says why a report triggered now would wait (null: it would not);
/// <c>last_abandoned</c> is the latest run that never finished, why, and the run that took over. Files are named
/// relative to the data directory (see <see cref="DataPaths"/>).
/// </summary>
public sealed record IngestionStatusView(
    string State,
    IngestionRunView? CurrentRun,
    IngestionSummaryView? LastRun,
    int ReportsReading,
    string? ReportsWaitFor,
    AbandonedRunView? LastAbandoned)
{
    public static IngestionStatusView From(IngestionStatus status, DataPaths paths) => new(
        status.State.ToString(),
        status.CurrentRun is { } run ? new IngestionRunView(run.RunId, run.RunNumber, IsoInstant.Format(run.StartedAt), run.Push) : null,
        status.LastRun is { } last ? IngestionSummaryView.From(last) : null,
        status.ReportsReading,
        paths.OptionalText(status.ReportsWaitFor),
        status.LastAbandoned is { } abandoned ? AbandonedRunView.From(abandoned, paths) : null);
}

/// <summary>A run that never finished: <c>data_pending</c> until <c>successor_run_id</c> has completed (<c>recovered_at</c>).</summary>
public sealed record AbandonedRunView(
    string RunId,
    long RunNumber,
    string StartedAt,
    string AbandonedAt,
    string Reason,
    string? SuccessorRunId,
    long? SuccessorRunNumber,
    string? RecoveredAt,
    bool DataPending)
{
    public static AbandonedRunView From(AbandonedRun run, DataPaths paths) => new(
        run.RunId,
        run.RunNumber,
        IsoInstant.Format(run.StartedAt),
        IsoInstant.Format(run.AbandonedAt),
        paths.Text(run.Reason),
        run.SuccessorRunId,
        run.SuccessorRunId is null ? null : run.SuccessorRunNumber,
        IsoInstant.Format(run.RecoveredAt),
        run.DataPending);
}

/// <summary>The run holding the lease; <c>push</c> when it is a push of polls (<c>POST /polls</c>), not a run over the files.</summary>
public sealed record IngestionRunView(string RunId, long RunNumber, string StartedAt, bool Push);

/// <summary>One run's outcome; its files, and the paths in its messages, relative to the data directory the run read.</summary>
public sealed record IngestionSummaryView(
    string RunId,
    long RunNumber,
    string StartedAt,
    string FinishedAt,
    double ElapsedSeconds,
    int StoresUpdated,
    string? Error,
    string[] Warnings,
    IngestionFileView[] Files,
    string RejectsCsv)
{
    public static IngestionSummaryView From(IngestionSummary summary)
    {
        var paths = new DataPaths(summary.Directory);
        return new(
            summary.RunId,
            summary.RunNumber,
            IsoInstant.Format(summary.StartedAt),
            IsoInstant.Format(summary.FinishedAt),
            Math.Round((summary.FinishedAt - summary.StartedAt).TotalSeconds, 3),
            summary.StoresUpdated,
            paths.OptionalText(summary.Error),
            [.. summary.Warnings.Select(paths.Text)],
            [.. summary.Files.Select(file => new IngestionFileView(
                paths.File(file.File), file.Unchanged, file.Removed, file.ReadFrom, file.RowsRead, file.Accepted, file.Duplicates, file.Rejected,
                [.. file.FirstRejections.Select(paths.Text)], paths.OptionalText(file.Error)))],
            RejectsLink(summary.RunId));
    }

    /// <summary>Where a run's rejected rows are served as <c>file,line,reason,raw</c>.</summary>
    public static string RejectsLink(string runId) => $"/ingestion/runs/{runId}/rejects.csv";
}

/// <summary>
/// One file's part in a run: <c>unchanged</c> files were not read; <c>removed</c> ones (poll drops past
/// <c>StoreMonitor:Inbox:Retention</c>) the run deleted, and later runs no longer list; <c>read_from</c> is the byte
/// reading started at (0: whole file).
/// </summary>
public sealed record IngestionFileView(string File, bool Unchanged, bool Removed, long ReadFrom, long RowsRead, long Accepted, long Duplicates, long Rejected, string[] FirstRejections, string? Error);

/// <summary>One line of <c>GET /ingestion/runs</c>.</summary>
public sealed record IngestionRunEntryView(
    string RunId,
    long RunNumber,
    string Outcome,
    string StartedAt,
    string? FinishedAt,
    int StoresUpdated,
    long RowsRead,
    long Rejected,
    string? Error,
    string Summary,
    string RejectsCsv)
{
    public static IngestionRunEntryView From(IngestionRunEntry entry, DataPaths paths) => new(
        entry.RunId,
        entry.RunNumber,
        entry.Outcome.ToString(),
        IsoInstant.Format(entry.StartedAt),
        IsoInstant.Format(entry.FinishedAt),
        entry.StoresUpdated,
        entry.RowsRead,
        entry.Rejected,
        paths.OptionalText(entry.Error),
        $"/ingestion/runs/{entry.RunId}",
        IngestionSummaryView.RejectsLink(entry.RunId));
}

/// <summary>The answer to an upload: where the file was stored (relative to the data directory), what it is, and the run ingesting it.</summary>
public sealed record UploadAccepted(string File, string Kind, string? RunId, string Message);

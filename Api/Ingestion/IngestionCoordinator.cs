using Microsoft.Extensions.Options;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Ingestion;
using StoreMonitor.Grains.Ingestion.Parsing;
using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Api.Ingestion;

/// <summary>
/// Runs ingestion in the background of the API host: once at start-up when the data directory holds files not
/// yet ingested, and again whenever an operator asks. The lease is claimed before start-up completes, so a
/// report triggered in the first second already waits for the data.
/// </summary>
public sealed class IngestionCoordinator(
    IngestionRunner runner,
    IGrainFactory grains,
    IOptions<IngestionOptions> options,
    ILogger<IngestionCoordinator> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task _current = Task.CompletedTask;

    public string DataDirectory { get; } = DataDirectoryLocator.Resolve(options.Value.DataDirectory, Environment.CurrentDirectory);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IngestOnStart)
        {
            return;
        }

        if (!Directory.Exists(DataDirectory))
        {
            logger.LogWarning("Data directory {Directory} does not exist; nothing ingested at start-up", DataDirectory);
            return;
        }

        var status = await grains.GetGrain<IIngestionStatusGrain>(0).GetStatus();
        if (status.LastRun is { Error: null } last && last.InputFingerprint == CurrentFingerprint())
        {
            logger.LogInformation("The files in {Directory} were ingested already ({FinishedAt}); not reading them again", DataDirectory, last.FinishedAt);
            return;
        }

        await TryStartAsync();
    }

    /// <summary>Starts a run over the data directory in the background; null when a run is already in progress.</summary>
    public async Task<IngestionRunInfo?> TryStartAsync()
    {
        var run = await runner.TryBeginAsync(DataDirectory);
        if (run is null)
        {
            return null;
        }

        logger.LogInformation("Ingestion {RunId} of {Directory} started", run.RunId, run.Directory);
        lock (_gate)
        {
            _current = Task.Run(() => runner.RunAsync(run, _stopping.Token));
        }

        return run;
    }

    /// <summary>
    /// The fingerprint of the files now in the data directory, or null when the directory cannot be read as
    /// input (e.g. two names for one kind of file): then a run is started anyway, and it fails with the reason
    /// where operators look for it (<c>GET /ingestion</c>) instead of stopping the host.
    /// </summary>
    private string? CurrentFingerprint()
    {
        try
        {
            return InputFingerprint.Of(InputFiles.Find(DataDirectory).Values);
        }
        catch (Exception error) when (error is AmbiguousInputFileException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("The data directory {Directory} cannot be read as input: {Reason}", DataDirectory, error.Message);
            return null;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task current;
        lock (_gate)
        {
            current = _current;
        }

        try
        {
            await current.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

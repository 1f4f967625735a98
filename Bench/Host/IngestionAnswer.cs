namespace StoreMonitor.Bench.Host;

/// <summary>The part of <c>GET /ingestion</c> the benchmark reads: the state, and the last completed run.</summary>
internal sealed record IngestionAnswer(string State, IngestionRunAnswer? LastRun)
{
    public const string Idle = "Idle";
}

/// <summary>A completed run as <c>GET /ingestion</c> gives it: its number, its own duration, its error and its files.</summary>
internal sealed record IngestionRunAnswer(long RunNumber, double ElapsedSeconds, string? Error, IngestionFileAnswer[] Files)
{
    public long Accepted => Files.Sum(file => file.Accepted);
}

internal sealed record IngestionFileAnswer(string File, long Accepted);

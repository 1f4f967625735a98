namespace StoreMonitor.Ingestion.Parsing;

/// <summary>The file as a whole cannot be read (e.g. a required column is missing from the header).</summary>
public sealed class CsvFileException(string file, long line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public string Reason { get; } = reason;
}

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>A directory holds two files of one kind, e.g. both <c>menu_hours.csv</c> and <c>business_hours.csv</c>.</summary>
public sealed class AmbiguousInputFileException(InputFileKind kind, string first, string second)
    : Exception($"both '{first}' and '{second}' are {kind} files; keep only one of them")
{
    public InputFileKind Kind { get; } = kind;

    public string First { get; } = first;

    public string Second { get; } = second;
}

namespace StoreMonitor.Grains.Ingestion.Parsing;

/// <summary>A row that could not be read: where it is and why, so an operator can fix the file.</summary>
public sealed record RowRejection(string File, long Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}

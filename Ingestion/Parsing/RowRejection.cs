namespace StoreMonitor.Ingestion.Parsing;

/// <summary>A row that could not be read: where it is and why, so an operator can fix the file, and the row as the file has it.</summary>
public sealed record RowRejection(string File, long Line, string Reason, string? Raw = null)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";

    /// <summary>A rejection is identified by where and why; the raw row is evidence that comes with it.</summary>
    public bool Equals(RowRejection? other) =>
        other is not null && File == other.File && Line == other.Line && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(File, Line, Reason);
}

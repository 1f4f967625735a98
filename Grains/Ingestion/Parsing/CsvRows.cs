using StoreMonitor.Grains.Interfaces.Model;

namespace StoreMonitor.Grains.Ingestion.Parsing;

// PARSER-HELPER: the contract the ingestion pipeline consumes. Keep these shapes; add what you need.

/// <summary>A row that could not be read: where it is and why, so an operator can fix the file, and the row as the file has it.</summary>
public sealed record RowRejection(string File, long Line, string Reason, string? Raw = null)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";

    /// <summary>A rejection is identified by where and why; the raw row is evidence that comes with it.</summary>
    public bool Equals(RowRejection? other) =>
        other is not null && File == other.File && Line == other.Line && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(File, Line, Reason);
}

/// <summary>One valid poll row of store_status.csv.</summary>
public readonly record struct PollRow(string StoreId, long UnixTicks, PollStatus Status);

/// <summary>One valid row of menu_hours.csv / business_hours.csv.</summary>
public readonly record struct HoursRow(string StoreId, BusinessHoursRow Hours);

/// <summary>One valid row of timezones.csv (the zone id is not validated here: unknown ids fall back later, with a warning).
/// <see cref="Line"/> lets a later check (one zone per store) name the row it rejects.</summary>
public readonly record struct ZoneRow(string StoreId, string ZoneId, long Line);

/// <summary>Receives the rows of one file as they stream past: valid rows and rejections, in file order.</summary>
public interface IRowSink<TRow>
{
    void Accept(in TRow row);

    void Reject(RowRejection rejection);
}

/// <summary>The file as a whole cannot be read (e.g. a required column is missing from the header).</summary>
public sealed class CsvFileException(string file, long line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public string Reason { get; } = reason;
}

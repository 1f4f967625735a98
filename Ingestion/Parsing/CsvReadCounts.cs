namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// What one file gave: <see cref="Rows"/> records read (the header and blank lines are not rows),
/// of which <see cref="Accepted"/> went to the sink as valid rows and <see cref="Rejected"/> as rejections.
/// </summary>
public readonly record struct CsvReadCounts(long Rows, long Accepted, long Rejected);

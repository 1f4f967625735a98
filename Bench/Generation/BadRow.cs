namespace StoreMonitor.Bench.Generation;

/// <summary>A malformed line to slip into a file before its data row number <see cref="Position"/> (0-based).</summary>
internal sealed record BadRow(DatasetFile File, int Position, string Kind, string Text);

/// <summary>Where a bad row ended up: the 1-based line of its file, header included, as an ingester would report it.</summary>
internal sealed record PlacedBadRow(DatasetFile File, long Line, string Kind, string Text)
{
    public override string ToString() => $"{DatasetFileNames.Of(File)}:{Line}: {Kind}: {Text}";
}

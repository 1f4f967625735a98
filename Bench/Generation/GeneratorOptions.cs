namespace StoreMonitor.Bench.Generation;

/// <summary>How store ids are spelled: the 2023 public edition uses 64-bit integers, the 2024 edition UUIDs.</summary>
internal enum IdStyle
{
    Int64,
    Uuid,
}

/// <summary>Everything that determines a generated dataset; the same options always give the same bytes.</summary>
internal sealed record GeneratorOptions(
    string OutputDirectory,
    int Stores = GeneratorOptions.DefaultStores,
    int Days = GeneratorOptions.DefaultDays,
    DateTimeOffset? End = null,
    int Seed = GeneratorOptions.DefaultSeed,
    IdStyle IdStyle = IdStyle.Int64,
    string DayColumn = GeneratorOptions.DefaultDayColumn,
    int BadRows = 0)
{
    public const int DefaultStores = 300;
    public const int DefaultDays = 8;
    public const int DefaultSeed = 42;
    public const string DefaultDayColumn = "dayOfWeek";

    /// <summary>The reference dataset's last poll is about then, so reports over generated data look like reports over the real one.</summary>
    public static readonly DateTimeOffset DefaultEnd = new(2023, 1, 25, 18, 13, 22, TimeSpan.Zero);

    public DateTimeOffset EndInstant => (End ?? DefaultEnd).ToUniversalTime();
}

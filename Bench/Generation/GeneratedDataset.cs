namespace StoreMonitor.Bench.Generation;

/// <summary>A whole dataset in memory, ready to be written: stores by index, polls in file order, hours, zones.</summary>
internal sealed record GeneratedDataset(
    GeneratorOptions Options,
    string[] StoreIds,
    long WindowStartUnixMicros,
    PollLog Polls,
    List<(int Store, HoursShift Shift)> Hours,
    List<(int Store, string Zone)> Zones,
    DatasetTally Tally);

/// <summary>Counts that tell whether a dataset came out realistic.</summary>
internal sealed record DatasetTally(
    int Stores,
    long ScheduledPolls,
    long Polls,
    long InactivePolls,
    int StoresNeverPolled,
    int StoresOpen24x7,
    int StoresWithoutZone)
{
    public double InactiveShare => Polls == 0 ? 0 : (double)InactivePolls / Polls;

    public double MissedShare => ScheduledPolls == 0 ? 0 : 1 - ((double)Polls / ScheduledPolls);
}

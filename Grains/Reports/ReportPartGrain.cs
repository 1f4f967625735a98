using Orleans.Placement;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// One stored piece of a report's rows. It activates beside the partition that computes it and leaves memory once
/// stored; a download re-activates it from storage, and it is collected two minutes after the last read (the shortest Orleans allows), so pieces do not
/// keep reports in memory. (Deactivating right after a read would not do: fifty downloads at once would chase one
/// deactivating activation after another.)
/// </summary>
[GrainType(GrainTypeNames.ReportPart)]
[PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 2)]
public sealed class ReportPartGrain(
    [PersistentState(StateNames.ReportPart, StorageNames.Grains)] IPersistentState<ReportPartState> state) : Grain, IReportPartGrain
{
    public async Task Store(ReportPart part)
    {
        state.State = new ReportPartState { Part = part };
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    public Task<ReportPart?> Get() => Task.FromResult(state.State.Part);

    public async Task Clear()
    {
        await state.ClearStateAsync();

        DeactivateOnIdle();
    }
}

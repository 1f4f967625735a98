using System.IO.Compression;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.IngestionLedger;

namespace StoreMonitor.Grains.IngestionLedger;

/// <summary>Keeps one run's summary and rejects file; the status grain forgets it when it leaves the history.</summary>
[GrainType(GrainTypeNames.IngestionRun)]
public sealed class IngestionRunGrain(
    [PersistentState(StateNames.IngestionRun, StorageNames.Grains)] IPersistentState<IngestionRunState> state) : Grain, IIngestionRunGrain
{
    public async Task Record(IngestionSummary summary, byte[] rejectsCsv)
    {
        state.State.Summary = summary;
        // Rejected rows repeat the same reasons: they compress tenfold or more.
        using var packed = new MemoryStream();
        await using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(rejectsCsv);
        }

        state.State.RejectsCsvGzip = packed.ToArray();
        await state.WriteStateAsync();
    }

    public Task<IngestionSummary?> GetSummary() => Task.FromResult(state.State.Summary);

    public async Task<byte[]?> GetRejectsCsv()
    {
        if (state.State.Summary is null)
        {
            return null;
        }

        using var csv = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(state.State.RejectsCsvGzip), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(csv);
        }

        return csv.ToArray();
    }

    public async Task Forget()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}

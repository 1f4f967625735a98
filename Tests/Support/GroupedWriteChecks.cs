using System.Globalization;
using Orleans.Storage;

namespace StoreMonitor.Tests.Support;

/// <summary>What grouped grain-state writes promise on every database, checked the same way on each.</summary>
public static class GroupedWriteChecks
{
    /// <summary>
    /// A grouped write of <paramref name="grain"/> is the row the provider alone reads, updates and clears, and a
    /// grouped write after the provider's clear goes on from the cleared row's version, as the provider's would.
    /// </summary>
    public static async Task AGroupedWriteIsTheProvidersRowAsync(StorageSilo silo, GrainId grain)
    {
        var written = new GrainState<List<byte>>([1, 2, 3]);
        await silo.Storage.WriteStateAsync("store", grain, written);
        var read = await StoredGrains.ReadAsync(silo.ProviderAlone, grain);
        Assert.Equal([1, 2, 3], read.State);
        Assert.Equal("1", written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);

        // The provider updates the grouped write's row, and a grouped write updates the provider's.
        read.State = [4];
        await silo.ProviderAlone.WriteStateAsync("store", grain, read);
        written.State = [5];
        await Assert.ThrowsAsync<InconsistentStateException>(() => silo.Storage.WriteStateAsync("store", grain, written));
        var current = await StoredGrains.ReadAsync(silo.Storage, grain);
        Assert.Equal([4], current.State);
        current.State = [6];
        await silo.Storage.WriteStateAsync("store", grain, current);
        Assert.Equal([6], (await StoredGrains.ReadAsync(silo.ProviderAlone, grain)).State);
        Assert.Equal("3", current.ETag);

        await silo.ProviderAlone.ClearStateAsync("store", grain, current);
        var cleared = await StoredGrains.ReadAsync(silo.Storage, grain);
        Assert.False(cleared.RecordExists);
        cleared.State = [7];
        await silo.Storage.WriteStateAsync("store", grain, cleared);
        Assert.Equal("5", cleared.ETag);
        Assert.Equal([7], (await StoredGrains.ReadAsync(silo.ProviderAlone, grain)).State);
    }

    /// <summary>
    /// A stale write queued in one group with 100 others fails with a version conflict; the others commit, and the
    /// contested grain keeps the state that won. <paramref name="inOneGroup"/> runs its action so that the writes it
    /// makes wait together and commit as one group.
    /// </summary>
    public static async Task AVersionConflictInAGroupFailsOnlyItsOwnWriteAsync(StorageSilo silo, Func<Action, Task> inOneGroup)
    {
        var contested = GrainId.Create("store", "contested");
        var stale = new GrainState<List<byte>>([1]);
        await silo.Storage.WriteStateAsync("store", contested, stale);
        var current = await StoredGrains.ReadAsync(silo.Storage, contested);
        current.State = [2];
        await silo.Storage.WriteStateAsync("store", contested, current);

        var others = Others(100);
        Task conflicting = Task.CompletedTask;
        Task[] writes = [];
        await inOneGroup(() =>
        {
            stale.State = [3];
            conflicting = silo.Storage.WriteStateAsync("store", contested, stale);
            writes = [.. others.Select(other => silo.Storage.WriteStateAsync("store", other.Grain, other.State))];
        });

        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);
        await Task.WhenAll(writes);
        Assert.Equal([2], (await StoredGrains.ReadAsync(silo.ProviderAlone, contested)).State);
        foreach (var (grain, state) in others)
        {
            var read = await StoredGrains.ReadAsync(silo.ProviderAlone, grain);
            Assert.Equal(state.State, read.State);
            Assert.Equal("1", read.ETag);
        }
    }

    /// <summary>
    /// Writes of one grain queued in one group apply in the order they were sent, as one after the other would: the
    /// second meets the version the first wrote, and a third sent with the version both started from conflicts.
    /// </summary>
    public static async Task WritesOfOneGrainInAGroupApplyInOrderAsync(StorageSilo silo, Func<Action, Task> inOneGroup)
    {
        var grain = GrainId.Create("store", "written-twice");
        var start = new GrainState<List<byte>>([1]);
        await silo.Storage.WriteStateAsync("store", grain, start);
        var first = new GrainState<List<byte>>([2]) { ETag = start.ETag, RecordExists = true };
        var second = new GrainState<List<byte>>([3]) { ETag = (int.Parse(start.ETag!, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture), RecordExists = true };
        var stale = new GrainState<List<byte>>([4]) { ETag = start.ETag, RecordExists = true };

        var others = Others(20);
        Task[] writes = [];
        await inOneGroup(() => writes =
        [
            silo.Storage.WriteStateAsync("store", grain, first),
            silo.Storage.WriteStateAsync("store", grain, second),
            silo.Storage.WriteStateAsync("store", grain, stale),
            .. others.Select(other => silo.Storage.WriteStateAsync("store", other.Grain, other.State)),
        ]);

        await writes[0];
        await writes[1];
        await Assert.ThrowsAsync<InconsistentStateException>(() => writes[2]);
        await Task.WhenAll(writes[3..]);
        var read = await StoredGrains.ReadAsync(silo.ProviderAlone, grain);
        Assert.Equal([3], read.State);
        Assert.Equal(second.ETag, read.ETag);
        Assert.Equal("3", read.ETag);
    }

    /// <summary>
    /// A write the database refuses, queued in one group with 50 others, fails its own caller with the database's error
    /// (returned for the assertions the database's kind calls for); the others commit.
    /// </summary>
    public static async Task<TError> AWriteTheDatabaseRefusesFailsOnlyItsOwnCallerAsync<TError>(
        StorageSilo silo, Func<Action, Task> inOneGroup, Func<IGrainStorage, Task> refusedWrite)
        where TError : Exception
    {
        var others = Others(50);
        Task refused = Task.CompletedTask;
        Task[] writes = [];
        await inOneGroup(() =>
        {
            refused = refusedWrite(silo.Storage);
            writes = [.. others.Select(other => silo.Storage.WriteStateAsync("store", other.Grain, other.State))];
        });

        var error = await Assert.ThrowsAsync<TError>(() => refused);
        await Task.WhenAll(writes);
        foreach (var (grain, state) in others)
        {
            Assert.Equal(state.State, (await StoredGrains.ReadAsync(silo.ProviderAlone, grain)).State);
        }

        return error;
    }

    private static (GrainId Grain, GrainState<List<byte>> State)[] Others(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (GrainId.Create("store", $"other-{i}"), new GrainState<List<byte>>([(byte)i])))];
}

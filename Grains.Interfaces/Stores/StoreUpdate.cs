using System.Runtime.InteropServices;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>
/// What one ingestion run knows about one store. Polls travel as two parallel arrays (unix ticks and
/// statuses) so a batch of hundreds of polls is two array copies, not hundreds of objects.
/// <see cref="Hours"/> and <see cref="ZoneId"/> are null when the run did not read that file: then the store
/// keeps what it had. When the run did read it, they are the store's rows in it: an empty
/// <see cref="Hours"/> means no rows (open 24×7), an empty <see cref="ZoneId"/> means no zone row.
/// <see cref="SpecialHours"/> follows the same rule for the special hours file: null when the run did not read it, the
/// store's rows in it (empty for none) when it did.
/// <see cref="RunNumber"/> is the ingestion run's fencing token: a store refuses an update older than the newest run it
/// has taken (0: not fenced, e.g. tools that write stores directly).
/// </summary>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("StoreMonitor.StoreUpdate")]
public sealed record StoreUpdate(
    [property: Id(0)] long[] PollUnixTicks,
    PollStatus[] PollStatuses,
    [property: Id(2)] BusinessHoursRow[]? Hours,
    [property: Id(3)] string? ZoneId,
    [property: Id(4)] long RunNumber = 0,
    [property: Id(5)] SpecialHoursRow[]? SpecialHours = null)
{
    // The statuses travel as bytes: the serializer writes an array of enums element by element, three bytes each, which
    // was a few percent of every silo's CPU while a cluster ingested. A byte-sized enum's array and a byte array are
    // interchangeable to the runtime, so a received update's statuses are its bytes, not a copy. The serializer writes
    // an array by its runtime type, though, so statuses built as enums are copied into a byte array once, here.
    [Id(1)]
    private readonly byte[] _pollStatusBytes = AsBytes(PollStatuses);

    public PollStatus[] PollStatuses
    {
        get => (PollStatus[])(object)_pollStatusBytes;
        init => _pollStatusBytes = AsBytes(value);
    }

    private static byte[] AsBytes(PollStatus[] statuses) =>
        statuses.GetType() == typeof(byte[]) ? (byte[])(object)statuses : MemoryMarshal.AsBytes(statuses.AsSpan()).ToArray();
}

/// <summary>
/// How a <see cref="StoreUpdate"/>'s polls counted, the store's latest poll after it, and its live condition (for its
/// partition's live board; null from a store of an older version).
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreIngestResult")]
public sealed record StoreIngestResult(
    [property: Id(0)] int AcceptedPolls,
    [property: Id(1)] int DuplicatePolls,
    [property: Id(2)] long? LatestPollUnixTicks,
    [property: Id(3)] StoreLiveStatus? Live = null);

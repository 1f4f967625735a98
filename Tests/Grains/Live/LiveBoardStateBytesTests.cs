using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Serialization;
using StoreMonitor.Engine.Live;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Live;

namespace StoreMonitor.Tests.Grains.Live;

/// <summary>
/// A live board's stored state keeps its bytes: a board written by an earlier build reads back, and a board written now
/// is what that build wrote, so a serializer setting that changes how a store's status is encoded fails here first.
/// </summary>
public sealed class LiveBoardStateBytesTests
{
    // Serialized by the build before statuses stopped being reference-tracked (2596464).
    private const string PinnedHex =
        "20203001312CD42E1D537472696E67436F6D706172657200030101E00107410F73746F72652D6120E80815052180002014DF"
        + "097F3B000101E02180002014DF097F3B000101E02180002014DF097F3B000101E0218000F09CA21A7F3B000101E021800020"
        + "14DF097F3B000101E0810000000000002940E0400F73746F72652D6220E80815032180002014DF097F3B000101E0C1012180"
        + "002014DF097F3B000101E0C1012180002014DF097F3B000101E0810000000000000000E0400F73746F72652D6320E8081507"
        + "C1012180002014DF097F3B000101E0C1012180002014DF097F3B000101E021800066D7020A7F3B000101E081000000000080"
        + "5640E0E0E0";

    [Fact]
    public void A_board_is_stored_as_before_and_reads_back()
    {
        using var services = new ServiceCollection().AddSerializer(serializer => serializer.AddAssembly(typeof(LiveBoardState).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var bytes = serializer.SerializeToArray(Board());

        Assert.Equal(PinnedHex, Convert.ToHexString(bytes));
        var read = serializer.Deserialize<LiveBoardState>(Convert.FromHexString(PinnedHex))!;
        Assert.Equal(Board().Stores.OrderBy(entry => entry.Key), read.Stores.OrderBy(entry => entry.Key));
    }

    private static LiveBoardState Board()
    {
        var at = Instant.FromUtc(2023, 1, 25, 18, 13, 20);
        return new LiveBoardState
        {
            Stores = new(StringComparer.Ordinal)
            {
                ["store-a"] = new StoreLiveStatus(StoreCondition.Down, at, at, at, at + Duration.FromHours(2), at, 12.5),
                ["store-b"] = new StoreLiveStatus(StoreCondition.Up, at, null, at, null, at),
                ["store-c"] = new StoreLiveStatus(StoreCondition.Silent, null, at, null, at, at + Duration.FromMinutes(1), 90),
            },
        };
    }
}

using System.Text;
using StoreMonitor.Ingestion;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>
/// The table a run's polls find their stores in: every added store is found by the bytes of its id however large the
/// table grew, a store never added is not, and ids whose hashes are equal are still told apart by their bytes.
/// </summary>
public sealed class StoreBufferTableTests
{
    [Fact]
    public void Every_added_store_is_found_by_its_bytes_and_no_other_is()
    {
        var table = new StoreBufferTable();
        var buffers = Enumerable.Range(0, 50_000).Select(i => new StoreBuffer($"store-{i}")).ToArray();
        foreach (var buffer in buffers)
        {
            var utf8 = Encoding.UTF8.GetBytes(buffer.StoreId);
            Assert.Null(table.Find(utf8, StoreBufferTable.Hash(utf8)));
            table.Add(StoreBufferTable.Hash(utf8), buffer);
        }

        foreach (var buffer in buffers)
        {
            var utf8 = Encoding.UTF8.GetBytes(buffer.StoreId);
            Assert.Same(buffer, table.Find(utf8, StoreBufferTable.Hash(utf8)));
        }

        var absent = "store-50000"u8;
        Assert.Null(table.Find(absent, StoreBufferTable.Hash(absent)));
    }

    [Fact]
    public void Ids_with_the_same_hash_are_told_apart_by_their_bytes()
    {
        var table = new StoreBufferTable();
        var first = new StoreBuffer("a");
        var second = new StoreBuffer("b");
        table.Add(7, first);
        table.Add(7, second);

        Assert.Same(first, table.Find("a"u8, 7));
        Assert.Same(second, table.Find("b"u8, 7));
        Assert.Null(table.Find("c"u8, 7));
        Assert.Null(table.Find("a"u8, 8));
    }

    [Fact]
    public void An_id_that_is_not_ascii_is_found_by_its_utf8_bytes()
    {
        var table = new StoreBufferTable();
        var store = new StoreBuffer("café-7");
        var utf8 = Encoding.UTF8.GetBytes(store.StoreId);
        table.Add(StoreBufferTable.Hash(utf8), store);

        Assert.Same(store, table.Find(utf8, StoreBufferTable.Hash(utf8)));
        var other = Encoding.UTF8.GetBytes("cafe-7");
        Assert.Null(table.Find(other, StoreBufferTable.Hash(utf8)));
    }
}

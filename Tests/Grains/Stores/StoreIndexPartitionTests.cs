using System.Text;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Tests.Grains.Stores;

/// <summary>
/// A later pass of a run picks its stores' rows by the id's bytes, before making the id's string: the partition of
/// the bytes must be the partition of the string, or a store's polls would be read in no pass or in two.
/// </summary>
public sealed class StoreIndexPartitionTests
{
    [Fact]
    public void The_partition_of_an_ids_utf8_bytes_is_the_partition_of_its_string()
    {
        var random = new Random(22);
        string[] pieces = [.. "0123456789abcdefXYZ-_ .".Select(c => c.ToString()), "é", "猫", "🙂", "\u0000"];
        for (var i = 0; i < 20_000; i++)
        {
            var id = i < 10_000
                ? random.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : string.Concat(Enumerable.Range(0, random.Next(1, 24)).Select(_ => pieces[random.Next(pieces.Length)]));
            Assert.Equal(StoreIndex.PartitionOf(id), StoreIndex.PartitionOfUtf8(Encoding.UTF8.GetBytes(id)));
        }
    }
}

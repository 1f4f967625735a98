using System.Security.Cryptography;

namespace StoreMonitor.Bench.Service;

/// <summary>A report the service produced against the engine's for the same data and report time, byte for byte.</summary>
internal static class ReportCheck
{
    /// <summary>Prints both checksums (the first 16 hex digits of SHA-256) and whether the bytes are equal.</summary>
    public static bool Matches(string name, byte[] actual, byte[] expected)
    {
        var same = actual.AsSpan().SequenceEqual(expected);
        Console.WriteLine($"checksum {name}: {Convert.ToHexString(SHA256.HashData(actual))[..16]} vs engine {Convert.ToHexString(SHA256.HashData(expected))[..16]}: {(same ? "EQUAL" : "DIFFERENT")}");
        return same;
    }
}

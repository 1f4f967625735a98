using System.Text;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// The key columns the Orleans ADO.NET grain-storage provider stores a grain under, computed exactly as the
/// provider computes them (its own <c>AdoGrainKey</c> is internal): a row written with these columns is the row the
/// provider reads, updates and clears. <c>PostgresGroupedWritesTests</c> hold the two to each other on a real database.
/// </summary>
internal sealed record AdoNetGrainKey(long N0, long N1, string? Extension, bool IsLong, bool IsGuid)
{
    public static AdoNetGrainKey Of(GrainId grainId)
    {
        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            var bytes = guid.ToByteArray();
            return new AdoNetGrainKey(BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), guidExtension, IsLong: false, IsGuid: true);
        }

        if (grainId.TryGetIntegerKey(out var integer, out var integerExtension))
        {
            return new AdoNetGrainKey(0, integer, integerExtension, IsLong: true, IsGuid: false);
        }

        return new AdoNetGrainKey(0, 0, grainId.Key.ToString(), IsLong: false, IsGuid: false);
    }

    /// <summary>The bytes the provider hashes into <c>GrainIdHash</c>.</summary>
    public byte[] HashBytes()
    {
        byte[]? bytes = null;
        if (IsLong)
        {
            bytes = BitConverter.GetBytes(N1);
        }
        else if (IsGuid)
        {
            bytes = GuidOf(N0, N1).ToByteArray();
        }

        if (bytes is not null && Extension is not null)
        {
            bytes = [.. bytes, .. Encoding.UTF8.GetBytes(Extension)];
        }

        bytes ??= Encoding.UTF8.GetBytes(Extension!);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return bytes;
    }

    /// <summary>The grain as the provider names it in its messages.</summary>
    public override string ToString()
    {
        var primary = IsLong ? N1.ToString(System.Globalization.CultureInfo.InvariantCulture) : IsGuid ? GuidOf(N0, N1).ToString() : Extension!;
        var extension = IsLong || IsGuid ? Extension : null;
        return extension is null ? primary : $"{primary}#{extension}";
    }

    private static Guid GuidOf(long n0, long n1) =>
        new((uint)(n0 & 0xffffffff), (ushort)(n0 >> 32), (ushort)(n0 >> 48), (byte)n1, (byte)(n1 >> 8), (byte)(n1 >> 16), (byte)(n1 >> 24), (byte)(n1 >> 32), (byte)(n1 >> 40), (byte)(n1 >> 48), (byte)(n1 >> 56));
}

using System.Text;
using StoreMonitor.Engine;

namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// Writes a complete report's CSV file from its stored pieces (<see cref="ReportRows"/>): the header, then the rows of
/// every partition merged in ordinal store-id order, the same bytes <see cref="ReportCsv.Build{TRow}"/> makes from all
/// rows at once, never holding the whole file.
/// </summary>
public static class ReportFile
{
    private const int FlushBytes = 64 * 1024;

    private static readonly byte[] HeaderLine = Encoding.UTF8.GetBytes(ReportCsv.Header + "\n");

    /// <summary>The size of a file with these rows: the header line (<paramref name="header"/>, or the SPEC header) and
    /// the rows' bytes.</summary>
    public static long ByteCount(long rowBytes, string? header = null) => HeaderBytes(header).Length + rowBytes;

    /// <summary>The header line of a file, with its newline.</summary>
    public static byte[] HeaderBytes(string? header) => header is null ? HeaderLine : Encoding.UTF8.GetBytes(header + "\n");

    public static async Task CopyToAsync(IGrainFactory grains, ReportContent content, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(destination);
        if (content.WholeFile is { } whole)
        {
            await destination.WriteAsync(whole, cancellationToken);
            return;
        }

        var rows = await ReportRows.OpenAsync(grains, content);
        using var buffer = new MemoryStream(FlushBytes * 2);
        buffer.Write(HeaderBytes(content.Header));
        while (await rows.MoveNextAsync())
        {
            buffer.Write(rows.Row.Span);
            if (buffer.Length >= FlushBytes)
            {
                await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
                buffer.SetLength(0);
            }
        }

        await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    /// <summary>The whole file in memory: for tests and benchmarks, which compare or hash it.</summary>
    public static async Task<byte[]?> ReadAllAsync(IGrainFactory grains, string reportId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (await grains.GetGrain<IReportGrain>(reportId).GetContent() is not { } content)
        {
            return null;
        }

        using var file = new MemoryStream();
        await CopyToAsync(grains, content, file);
        return file.ToArray();
    }
}

using System.Text;
using StoreMonitor.Engine;

namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// Writes a complete report's file from its stored pieces: the header, then the rows of every partition merged in
/// ordinal store-id order, the same bytes <see cref="ReportCsv.Build{TRow}"/> makes from all rows at once. Each
/// partition's pieces are already in that order, so the merge holds one piece per partition (and the next one,
/// fetched ahead), never the whole file.
/// </summary>
public static class ReportFile
{
    private const int FlushBytes = 64 * 1024;

    private static readonly byte[] HeaderLine = Encoding.UTF8.GetBytes(ReportCsv.Header + "\n");

    /// <summary>The size of a file with these rows: the header line and the rows' bytes.</summary>
    public static long ByteCount(long rowBytes) => HeaderLine.Length + rowBytes;

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

        // Every partition's first piece is fetched at once; after that each cursor fetches its next piece ahead.
        var partitions = Enumerable.Range(0, content.PartsPerPartition.Length)
            .Select(partition => new PartitionCursor(grains, content.OwnerReportId, partition, content.PartsPerPartition[partition]))
            .ToArray();
        var started = await Task.WhenAll(partitions.Select(cursor => cursor.MoveNextAsync()));
        var cursors = new PriorityQueue<PartitionCursor, string>(StringComparer.Ordinal);
        for (var partition = 0; partition < partitions.Length; partition++)
        {
            if (started[partition])
            {
                cursors.Enqueue(partitions[partition], partitions[partition].StoreId);
            }
        }

        using var buffer = new MemoryStream(FlushBytes * 2);
        buffer.Write(HeaderLine);
        while (cursors.TryDequeue(out var cursor, out _))
        {
            buffer.Write(cursor.Row);
            if (await cursor.MoveNextAsync())
            {
                cursors.Enqueue(cursor, cursor.StoreId);
            }

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

    /// <summary>Walks one partition's pieces in order, fetching the next piece while the current one is read.</summary>
    private sealed class PartitionCursor(IGrainFactory grains, string reportId, int partition, int partCount)
    {
        private ReportPart? _part;
        private Task<ReportPart?>? _next;
        private int _nextSlice;
        private int _row = -1;

        public string StoreId => _part!.StoreIds[_row];

        public ReadOnlySpan<byte> Row
        {
            get
            {
                var start = _row == 0 ? 0 : _part!.RowEnds[_row - 1];
                return _part!.Rows.AsSpan(start, _part.RowEnds[_row] - start);
            }
        }

        public async Task<bool> MoveNextAsync()
        {
            while (_part is null || ++_row >= _part.StoreIds.Length)
            {
                if (_nextSlice >= partCount)
                {
                    _part = null;
                    return false;
                }

                _part = await (_next ?? Fetch(_nextSlice)) ?? throw new ReportExpiredException(reportId);
                _nextSlice++;
                _next = _nextSlice < partCount ? Fetch(_nextSlice) : null;
                _row = -1;
            }

            return true;
        }

        private Task<ReportPart?> Fetch(int slice) => grains.GetGrain<IReportPartGrain>(ReportParts.Key(reportId, partition, slice)).Get();
    }
}

/// <summary>A report's stored rows were deleted (it expired) while its file was being read.</summary>
public sealed class ReportExpiredException(string reportId)
    : Exception($"Report '{reportId}' expired while its file was being read: its rows are no longer stored.");

namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// A complete report's data rows in file order (ordinal store id), read from its stored pieces: every partition's pieces
/// are already in that order, so the merge holds one piece per partition (and the next one, fetched ahead), never the
/// whole report. Each row is as the CSV has it, newline included. A report stored whole, before reports were kept in
/// pieces, is read line by line from its file.
/// </summary>
public sealed class ReportRows
{
    private readonly PriorityQueue<PartitionCursor, string> _cursors = new(StringComparer.Ordinal);
    private readonly ReadOnlyMemory<byte> _wholeFile;
    private PartitionCursor? _current;
    private int _wholeFileAt;

    private ReportRows(ReadOnlyMemory<byte> wholeFile, int firstRowAt)
    {
        _wholeFile = wholeFile;
        _wholeFileAt = firstRowAt;
    }

    /// <summary>The current row, as the CSV has it (newline included).</summary>
    public ReadOnlyMemory<byte> Row { get; private set; }

    public static async Task<ReportRows> OpenAsync(IGrainFactory grains, ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(content);
        if (content.WholeFile is { } whole)
        {
            var headerEnd = Array.IndexOf(whole, (byte)'\n');
            return new ReportRows(whole, headerEnd < 0 ? whole.Length : headerEnd + 1);
        }

        // Every partition's first piece is fetched at once; after that each cursor fetches its next piece ahead.
        var rows = new ReportRows(ReadOnlyMemory<byte>.Empty, 0);
        var partitions = Enumerable.Range(0, content.PartsPerPartition.Length)
            .Select(partition => new PartitionCursor(grains, content.OwnerReportId, partition, content.PartsPerPartition[partition]))
            .ToArray();
        var started = await Task.WhenAll(partitions.Select(cursor => cursor.MoveNextAsync()));
        for (var partition = 0; partition < partitions.Length; partition++)
        {
            if (started[partition])
            {
                rows._cursors.Enqueue(partitions[partition], partitions[partition].StoreId);
            }
        }

        return rows;
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public async ValueTask<bool> MoveNextAsync()
    {
        if (!_wholeFile.IsEmpty)
        {
            return NextLineOfWholeFile();
        }

        if (_current is not null && await _current.MoveNextAsync())
        {
            _cursors.Enqueue(_current, _current.StoreId);
        }

        if (!_cursors.TryDequeue(out _current, out _))
        {
            _current = null;
            Row = ReadOnlyMemory<byte>.Empty;
            return false;
        }

        Row = _current.Row;
        return true;
    }

    private bool NextLineOfWholeFile()
    {
        if (_wholeFileAt >= _wholeFile.Length)
        {
            Row = ReadOnlyMemory<byte>.Empty;
            return false;
        }

        // A store id with a newline is quoted, so a line ends at the first newline outside quotes.
        var span = _wholeFile.Span;
        var quoted = false;
        var end = _wholeFileAt;
        while (end < span.Length && (quoted || span[end] != (byte)'\n'))
        {
            quoted ^= span[end] == (byte)'"';
            end++;
        }

        end = Math.Min(end + 1, span.Length);
        Row = _wholeFile[_wholeFileAt..end];
        _wholeFileAt = end;
        return true;
    }

    /// <summary>Walks one partition's pieces in order, fetching the next piece while the current one is read.</summary>
    private sealed class PartitionCursor(IGrainFactory grains, string reportId, int partition, int partCount)
    {
        private ReportPart? _part;
        private Task<ReportPart?>? _next;
        private int _nextSlice;
        private int _row = -1;

        public string StoreId => _part!.StoreIds[_row];

        public ReadOnlyMemory<byte> Row
        {
            get
            {
                var start = _row == 0 ? 0 : _part!.RowEnds[_row - 1];
                return _part!.Rows.AsMemory(start, _part.RowEnds[_row] - start);
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

namespace StoreMonitor.Bench.Generation;

/// <summary>Slips a file's planned bad rows in between its data rows and records the line each one landed on.</summary>
internal sealed class BadRowInjector(DatasetFile file, List<BadRow> planned, List<PlacedBadRow> placed)
{
    private int _next;

    /// <summary>The data row position of the next bad row; int.MaxValue when none are left, so the hot loop tests one int.</summary>
    public int NextPosition => _next < planned.Count ? planned[_next].Position : int.MaxValue;

    /// <summary>Writes every bad row due before data row <paramref name="position"/>; returns the lines written.</summary>
    public int WriteDue(int position, TextWriter writer, long linesSoFar)
    {
        var written = 0;
        while (_next < planned.Count && planned[_next].Position <= position)
        {
            var row = planned[_next++];
            writer.Write(row.Text);
            writer.Write('\n');
            written++;
            placed.Add(new PlacedBadRow(file, linesSoFar + written, row.Kind, row.Text));
        }

        return written;
    }
}

namespace StoreMonitor.Engine;

/// <summary>
/// The stretches of time a set of windows covers: their union as sorted, disjoint spans. The sweep walks each span
/// once, so overlapping windows (the hour inside the day inside the quarter) cost one walk, and windows far apart
/// cost their own lengths, not the time between them.
/// </summary>
internal static class WindowSpans
{
    /// <summary>Writes the union of <paramref name="windows"/> into <paramref name="into"/> (as long as the windows) and returns how many spans.</summary>
    public static int Union(ReadOnlySpan<NanoInterval> windows, Span<NanoInterval> into)
    {
        windows.CopyTo(into);
        var spans = into[..windows.Length];
        // A report has a handful of windows: insertion sort.
        for (var i = 1; i < spans.Length; i++)
        {
            var item = spans[i];
            var j = i - 1;
            while (j >= 0 && spans[j].Start > item.Start)
            {
                spans[j + 1] = spans[j];
                j--;
            }

            spans[j + 1] = item;
        }

        int count = 0;
        foreach (var span in spans)
        {
            if (count > 0 && span.Start <= spans[count - 1].End)
            {
                spans[count - 1] = spans[count - 1] with { End = Math.Max(spans[count - 1].End, span.End) };
            }
            else
            {
                spans[count++] = span;
            }
        }

        return count;
    }
}

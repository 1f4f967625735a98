namespace StoreMonitor.Bench.Service;

/// <summary>
/// Peak resident set size of this process per phase, from Linux's <c>/proc/self/status</c> (VmHWM).
/// Writing 5 to <c>/proc/self/clear_refs</c> resets the peak, so each phase reports its own.
/// </summary>
internal static class PeakMemory
{
    public static bool IsAvailable => File.Exists("/proc/self/status");

    public static void Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not permitted here: peaks then run from process start, which only overstates them.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static long PeakBytes() => ReadKilobytes("VmHWM:") * 1024;

    public static long CurrentBytes() => ReadKilobytes("VmRSS:") * 1024;

    private static long ReadKilobytes(string field)
    {
        if (!IsAvailable)
        {
            return Environment.WorkingSet;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}

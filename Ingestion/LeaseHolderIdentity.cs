using System.Diagnostics;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;

namespace StoreMonitor.Ingestion;

/// <summary>
/// This process as an ingestion lease holder, and the one judgement only a process on the holder's own machine can
/// make: that the holder is gone. A host restarted after a crash (<c>kill -9</c>, a power cut) finds its predecessor's
/// lease and, seeing that process no longer exists, voids the lease instead of waiting out its duration. Holders on
/// other machines are left to cluster membership (their silo) and the lease duration (a client that lost touch).
/// </summary>
public sealed class LeaseHolderIdentity
{
    // Process start times are read back from the kernel in clock ticks; the same process reads the same instant to
    // well within this, a different process that reused the id starts later than that.
    private static readonly Duration StartTimeTolerance = Duration.FromSeconds(1);

    private LeaseHolderIdentity(LeaseHolder current) => Current = current;

    public LeaseHolder Current { get; }

    /// <summary>An identity that claims to be <paramref name="holder"/>: for tests that stand in for another process.</summary>
    internal static LeaseHolderIdentity Of(LeaseHolder holder) => new(holder);

    /// <param name="silo">The silo this process hosts (<c>SiloAddress.ToParsableString()</c>), or null for a cluster client.</param>
    public static LeaseHolderIdentity OfThisProcess(string? silo)
    {
        using var process = Process.GetCurrentProcess();
        return new(new LeaseHolder(Environment.MachineName, BootId(), process.Id, StartedAt(process), silo));
    }

    /// <summary>Why <paramref name="holder"/> is certainly gone, or null when it may be alive (or runs elsewhere).</summary>
    public string? WhyGone(LeaseHolder holder)
    {
        if (!string.Equals(holder.Machine, Current.Machine, StringComparison.Ordinal))
        {
            return null;
        }

        if (holder.BootId.Length > 0 && Current.BootId.Length > 0 && holder.BootId != Current.BootId)
        {
            return $"its host {holder.Machine} has restarted since (process {holder.ProcessId} ran before the reboot)";
        }

        if (holder.ProcessId == Current.ProcessId && holder.ProcessStartedAt == Current.ProcessStartedAt)
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(holder.ProcessId);
            var startedAt = StartedAt(process);
            return Duration.Max(startedAt - holder.ProcessStartedAt, holder.ProcessStartedAt - startedAt) <= StartTimeTolerance
                ? null
                : $"its process {holder.ProcessId} on {holder.Machine} is gone (the id now belongs to a process started at {startedAt})";
        }
        catch (ArgumentException)
        {
            return $"its process {holder.ProcessId} on {holder.Machine} is gone";
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the read of its start time.
            return $"its process {holder.ProcessId} on {holder.Machine} is gone";
        }
    }

    private static Instant StartedAt(Process process) => Instant.FromDateTimeUtc(process.StartTime.ToUniversalTime());

    private static string BootId()
    {
        const string path = "/proc/sys/kernel/random/boot_id";
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}

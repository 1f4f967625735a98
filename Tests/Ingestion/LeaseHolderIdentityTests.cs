using System.Diagnostics;
using NodaTime;
using StoreMonitor.Ingestion;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>What a host can tell of another lease holder from the same machine: gone for certain, or maybe alive.</summary>
public sealed class LeaseHolderIdentityTests
{
    private static readonly LeaseHolderIdentity Self = LeaseHolderIdentity.OfThisProcess(silo: null);

    [Fact]
    public void This_process_is_not_gone() => Assert.Null(Self.WhyGone(Self.Current));

    [Fact]
    public void Another_living_process_of_this_machine_is_not_gone()
    {
        using var other = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var holder = Self.Current with { ProcessId = other.Id, ProcessStartedAt = Instant.FromDateTimeUtc(other.StartTime.ToUniversalTime()) };

            Assert.Null(Self.WhyGone(holder));
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public async Task A_process_of_this_machine_that_exited_is_gone()
    {
        var (id, startedAt) = await ExitedProcess.RunAsync();

        var reason = Self.WhyGone(Self.Current with { ProcessId = id, ProcessStartedAt = startedAt });

        Assert.Contains($"process {id}", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_whose_id_now_belongs_to_a_later_process_is_gone()
    {
        var reason = Self.WhyGone(Self.Current with { ProcessStartedAt = Self.Current.ProcessStartedAt - Duration.FromHours(1) });

        Assert.Contains("now belongs to a process started at", reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_process_of_an_earlier_boot_is_gone()
    {
        Skip.If(Self.Current.BootId.Length == 0, "This system does not tell its boot id.");

        Assert.Contains("restarted since", Self.WhyGone(Self.Current with { BootId = Guid.NewGuid().ToString() }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_of_another_machine_is_not_judged() =>
        Assert.Null(Self.WhyGone(Self.Current with { Machine = "another-machine", ProcessId = int.MaxValue }));
}

using NodaTime;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Reports;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>The admission rules of the report queue, without a silo.</summary>
public sealed class ReportQueueTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 12, 0);

    [Fact]
    public void Reports_beyond_the_slots_wait_in_arrival_order()
    {
        var queue = new ReportQueue(slots: 2);

        var admissions = new[] { "a", "b", "c", "d" }.Select(id => queue.Enter(id, $"fp-{id}", T0)).ToArray();

        Assert.Equal(ReportAdmissionKind.Granted, admissions[0].Kind);
        Assert.Equal(ReportAdmissionKind.Granted, admissions[1].Kind);
        Assert.Equal(ReportAdmission.Queued(1), admissions[2]);
        Assert.Equal(ReportAdmission.Queued(2), admissions[3]);
    }

    [Fact]
    public void A_freed_slot_goes_to_the_front_of_the_line_not_to_whoever_asks_first()
    {
        var queue = new ReportQueue(slots: 1);
        queue.Enter("a", "fp-a", T0);
        queue.Enter("b", "fp-b", T0);
        queue.Enter("c", "fp-c", T0);

        queue.Leave("a", completed: true);
        var c = queue.Enter("c", "fp-c", T0);
        var b = queue.Enter("b", "fp-b", T0);

        Assert.Equal(ReportAdmission.Queued(2), c);
        Assert.Equal(ReportAdmission.Granted, b);
        Assert.Equal(ReportAdmission.Queued(1), queue.Enter("c", "fp-c", T0));
    }

    [Fact]
    public void An_identical_report_follows_the_first_instead_of_taking_a_slot_even_after_it_completed()
    {
        var queue = new ReportQueue(slots: 1);
        queue.Enter("first", "same", T0);

        var whileRunning = queue.Enter("second", "same", T0);
        queue.Leave("first", completed: true);
        var afterwards = queue.Enter("third", "same", T0);

        Assert.Equal(ReportAdmission.Follow("first"), whileRunning);
        Assert.Equal(ReportAdmission.Follow("first"), afterwards);
        Assert.Equal(0, queue.Computing);
    }

    [Fact]
    public void A_failed_leader_is_not_followed_the_next_identical_report_leads()
    {
        var queue = new ReportQueue(slots: 1);
        queue.Enter("first", "same", T0);

        queue.Leave("first", completed: false);
        var next = queue.Enter("second", "same", T0);

        Assert.Equal(ReportAdmission.Granted, next);
        Assert.Equal(ReportAdmission.Follow("second"), queue.Enter("third", "same", T0));
    }

    [Fact]
    public void A_slot_whose_report_stopped_renewing_is_freed_after_its_lease()
    {
        var queue = new ReportQueue(slots: 1);
        queue.Enter("dead", "fp-dead", T0);
        var later = T0 + ReportQueue.SlotLease + Duration.FromSeconds(1);

        var waiting = queue.Enter("alive", "fp-alive", T0 + Duration.FromSeconds(1));
        var admitted = queue.Enter("alive", "fp-alive", later);

        Assert.Equal(ReportAdmission.Queued(1), waiting);
        Assert.Equal(ReportAdmission.Granted, admitted);
    }

    [Fact]
    public void A_waiting_report_that_stopped_asking_loses_its_place()
    {
        var queue = new ReportQueue(slots: 1);
        queue.Enter("running", "fp-r", T0);
        queue.Enter("gone", "fp-g", T0);
        queue.Enter("patient", "fp-p", T0);
        queue.Enter("late", "fp-l", T0 + Duration.FromSeconds(5));
        queue.Enter("patient", "fp-p", T0 + Duration.FromSeconds(10));
        queue.Enter("late", "fp-l", T0 + Duration.FromSeconds(10));
        var later = T0 + ReportQueue.PlaceLease + Duration.FromSeconds(1);
        queue.Enter("running", "fp-r", later);

        // "gone" is dropped; "patient" keeps its place ahead of "late".
        Assert.Equal(ReportAdmission.Queued(1), queue.Enter("patient", "fp-p", later));
        Assert.Equal(ReportAdmission.Queued(2), queue.Enter("late", "fp-l", later));
    }
}

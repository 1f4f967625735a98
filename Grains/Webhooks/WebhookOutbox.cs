using NodaTime;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// A subscription's queue and its rules, as pure code over its state: what to queue, what is due, and what an
/// attempt's outcome changes. After a failure the whole endpoint waits for the failed delivery's next attempt and then
/// sends one delivery at a time until one succeeds, so a receiver that is down gets one request per retry step, not
/// one per queued event, and "failures in a row" counts those steps.
/// </summary>
public sealed class WebhookOutbox(WebhookSubscriptionState state, PendingQueue queue, DeliveryPolicy policy, Random random)
{
    public int PendingCount => queue.Count;

    /// <summary>
    /// Queues the events not already pending (none while disabled); drops the oldest pending ones beyond the bound.
    /// Returns how many were queued and how many dropped.
    /// </summary>
    public (int Queued, int Dropped) Enqueue(IEnumerable<StoreEvent> events, Instant now)
    {
        if (state.Definition is null || !state.Health.Enabled)
        {
            return (0, 0);
        }

        var queued = 0;
        foreach (var storeEvent in events)
        {
            if (!queue.Contains(storeEvent.Id))
            {
                queue.Append(new PendingDelivery(storeEvent, 0, now, now));
                queued++;
            }
        }

        var dropped = Math.Max(0, queue.Count - policy.MaxPending);
        if (dropped > 0)
        {
            queue.DropOldest(dropped);
            state.Health = state.Health with { Dropped = state.Health.Dropped + dropped };
        }

        return (queued, dropped);
    }

    /// <summary>The deliveries to send now, oldest due first, within the endpoint's concurrency; none while it waits after a failure.</summary>
    public IReadOnlyList<PendingDelivery> TakeDue(Instant now, IReadOnlySet<string> inFlight)
    {
        var health = state.Health;
        if (!health.Enabled || health.PausedUntil > now)
        {
            return [];
        }

        var room = AttemptsThatMayStart(inFlight.Count);
        return room <= 0
            ? []
            : queue.Deliveries
                .Where(delivery => delivery.NextAttemptAt <= now && !inFlight.Contains(delivery.Event.Id))
                .OrderBy(delivery => delivery.NextAttemptAt)
                .Take(room)
                .ToArray();
    }

    /// <summary>When something is next due (never before the endpoint's pause ends); null when nothing is, or the subscription is disabled.</summary>
    public Instant? NextDue(IReadOnlySet<string> inFlight)
    {
        if (!state.Health.Enabled)
        {
            return null;
        }

        Instant? next = null;
        foreach (var delivery in queue.Deliveries)
        {
            if (!inFlight.Contains(delivery.Event.Id) && (next is null || delivery.NextAttemptAt < next))
            {
                next = delivery.NextAttemptAt;
            }
        }

        return next is { } due && state.Health.PausedUntil is { } paused && paused > due ? paused : next;
    }

    /// <summary>
    /// When the subscription's timer should next start a round, given the attempts in flight and when each was sent:
    /// the next due delivery, but while as many attempts are in flight as may be, not before one of them is taken as
    /// lost (an outcome that comes back first starts the next round itself). Null when nothing waits.
    /// </summary>
    public Instant? NextRound(IReadOnlyDictionary<string, Instant> inFlightSince, Duration inFlightLimit)
    {
        var inFlight = inFlightSince.Keys.ToHashSet(StringComparer.Ordinal);
        if (NextDue(inFlight) is not { } due)
        {
            return null;
        }

        if (AttemptsThatMayStart(inFlight.Count) > 0)
        {
            return due;
        }

        var firstTakenAsLost = inFlightSince.Values.Min() + inFlightLimit;
        return firstTakenAsLost > due ? firstTakenAsLost : due;
    }

    /// <summary>Applies one round of attempts (those sent together); returns true when it disabled the subscription.</summary>
    public bool Record(IReadOnlyList<WebhookAttemptResult> results, Instant now)
    {
        var wasEnabled = state.Health.Enabled;
        var anySuccess = false;
        var anyFailure = false;
        Instant? pauseUntil = null;
        string? lastError = null;
        var attempts = new List<WebhookAttempt>(results.Count);
        foreach (var result in results)
        {
            string outcome;
            Instant? next = null;
            if (result.Succeeded)
            {
                anySuccess = true;
                outcome = WebhookOutcomes.Delivered;
                queue.Remove(result.EventId);
                state.Health = state.Health with { Delivered = state.Health.Delivered + 1 };
            }
            else if (result.Gone)
            {
                outcome = WebhookOutcomes.Gone;
                Disable(now, $"the receiver answered 410 Gone to the delivery of {result.EventId}");
            }
            else
            {
                anyFailure = true;
                lastError = result.Error;
                next = NextAttempt(result);
                outcome = next is null ? WebhookOutcomes.GaveUp : WebhookOutcomes.Retrying;
                if (next is { } retryAt)
                {
                    if (queue.Find(result.EventId) is { } pending)
                    {
                        queue.Replace(pending with { AttemptsMade = result.Attempt, NextAttemptAt = retryAt });
                    }

                    pauseUntil = pauseUntil is { } earlier && earlier < retryAt ? earlier : retryAt;
                }
                else if (queue.Remove(result.EventId))
                {
                    state.Health = state.Health with { Abandoned = state.Health.Abandoned + 1 };
                }
            }

            attempts.Add(new WebhookAttempt(result.EventId, result.Kind, result.StoreId, result.Attempt, result.At, result.StatusCode, result.Error, outcome, next, result.ElapsedMilliseconds));
        }

        if (anySuccess)
        {
            state.Health = state.Health with { ConsecutiveFailures = 0, LastSuccessAt = now, PausedUntil = null };
        }
        else if (anyFailure)
        {
            var failures = state.Health.ConsecutiveFailures + 1;
            state.Health = state.Health with { ConsecutiveFailures = failures, PausedUntil = pauseUntil };
            if (failures >= policy.DisableAfterFailures && state.Health.Enabled)
            {
                Disable(now, $"{failures} failed attempts in a row; the last: {lastError}");
                for (var index = 0; index < attempts.Count; index++)
                {
                    if (attempts[index].Outcome == WebhookOutcomes.Retrying)
                    {
                        attempts[index] = attempts[index] with { Outcome = WebhookOutcomes.Disabled, NextAttemptAt = null };
                    }
                }
            }
        }

        state.History.AddRange(attempts);
        if (state.History.Count > policy.History)
        {
            state.History.RemoveRange(0, state.History.Count - policy.History);
        }

        return wasEnabled && !state.Health.Enabled;
    }

    public WebhookStatus? Status(IReadOnlySet<string> inFlight) => state.Definition is { } definition
        ? new WebhookStatus(definition, state.Health, queue.Count, NextDue(inFlight))
        : null;

    /// <summary>The latest attempts, newest first, and the first <paramref name="pendingShown"/> pending deliveries, oldest first.</summary>
    public WebhookDeliveries? Deliveries(int pendingShown) => state.Definition is null
        ? null
        : new WebhookDeliveries(
            [.. Enumerable.Reverse(state.History)],
            [.. queue.Deliveries.Take(pendingShown).Select(delivery => new PendingDeliveryView(
                delivery.Event.Id, delivery.Event.Kind, delivery.Event.StoreId, delivery.AttemptsMade, delivery.NextAttemptAt))],
            queue.Count);

    /// <summary>Attempts that may start beside <paramref name="inFlight"/> others: the endpoint's concurrency, one after a failure.</summary>
    private int AttemptsThatMayStart(int inFlight) => (state.Health.ConsecutiveFailures > 0 ? 1 : policy.MaxConcurrent) - inFlight;

    /// <summary>When a failed attempt is tried again: the schedule's wait (with jitter), or later if the receiver asked; null after the last.</summary>
    private Instant? NextAttempt(WebhookAttemptResult result)
    {
        if (policy.Schedule.WaitAfter(result.Attempt, policy.Jitter, random) is not { } wait)
        {
            return null;
        }

        if (result.RetryAfter is { } asked && asked > wait)
        {
            wait = asked;
        }

        return result.At + wait;
    }

    private void Disable(Instant now, string reason)
    {
        if (state.Health.Enabled)
        {
            state.Health = state.Health with { DisabledReason = reason, DisabledAt = now, PausedUntil = null };
        }
    }
}

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// The <c>StoreMonitor:Live:Webhooks</c> section, read by the silos (they deliver). docs/WEBHOOKS.md describes each key.
/// </summary>
public sealed class WebhookOptions
{
    public const string SectionName = "StoreMonitor:Live:Webhooks";

    /// <summary>
    /// The waits between attempts, after the first (made at once): the Standard Webhooks schedule, as durations
    /// (<c>5s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c> or <c>hh:mm:ss</c>) separated by commas. One attempt more than waits.
    /// </summary>
    public string RetrySchedule { get; set; } = "5s,5m,30m,2h,5h,10h,14h,20h,24h";

    /// <summary>Each wait is stretched or shrunk by a random share up to this (0.2: ±20 %), so retries of a burst spread out.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>A subscription whose deliveries failed this many times in a row (no success between) is disabled.</summary>
    public int DisableAfterFailures { get; set; } = 10;

    /// <summary>Deliveries a subscription holds; past this the oldest pending one is dropped (counted as <c>dropped</c>).</summary>
    public int MaxPending { get; set; } = 10_000;

    /// <summary>Attempts kept per subscription for <c>GET /webhooks/{id}/deliveries</c>.</summary>
    public int History { get; set; } = 200;

    /// <summary>Attempts a subscription has in flight at once while its receiver answers (after a failure, one at a time).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 8;

    /// <summary>How long an attempt may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Subscriptions the service keeps: each one is matched against every event.</summary>
    public int MaxSubscriptions { get; set; } = 100;

    /// <summary>Allows <c>http</c> (and any address) on loopback: for tests and a receiver on the same machine.</summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>Allows private, link-local and unique-local targets (and loopback over https): a receiver on the operator's own network.</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Every reason these settings cannot work, each naming its key; empty when they can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Webhooks.RetrySchedule.Parse(RetrySchedule).Problem is { } schedule)
        {
            problems.Add($"{SectionName}:RetrySchedule {schedule}");
        }

        if (RetryJitter is < 0 or >= 1 || double.IsNaN(RetryJitter))
        {
            problems.Add($"{SectionName}:RetryJitter must be at least 0 and below 1 (a share of each wait), not {RetryJitter}.");
        }

        AtLeastOne(problems, nameof(DisableAfterFailures), DisableAfterFailures);
        AtLeastOne(problems, nameof(MaxPending), MaxPending);
        AtLeastOne(problems, nameof(History), History);
        AtLeastOne(problems, nameof(MaxConcurrentDeliveries), MaxConcurrentDeliveries);
        AtLeastOne(problems, nameof(MaxSubscriptions), MaxSubscriptions);
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{SectionName}:Timeout must be positive and at most 5 minutes, not {Timeout:c}.");
        }

        return problems;
    }

    private static void AtLeastOne(List<string> problems, string key, int value)
    {
        if (value < 1)
        {
            problems.Add($"{SectionName}:{key} must be at least 1, not {value}.");
        }
    }
}

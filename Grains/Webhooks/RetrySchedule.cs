using System.Globalization;
using NodaTime;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// The waits between a delivery's attempts (Standard Webhooks: at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h,
/// 20 h, 24 h), each with jitter.
/// </summary>
public sealed class RetrySchedule
{
    private readonly Duration[] _waits;

    private RetrySchedule(Duration[] waits) => _waits = waits;

    /// <summary>Attempts a delivery gets: the first, and one after each wait.</summary>
    public int MaxAttempts => _waits.Length + 1;

    public IReadOnlyList<Duration> Waits => _waits;

    /// <summary>Reads <c>5s,5m,30m,2h</c> (units s, m, h, d, or <c>hh:mm:ss</c>); an empty text means no retry.</summary>
    public static (RetrySchedule? Schedule, string? Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (new RetrySchedule([]), null);
        }

        var items = text.Split(',');
        var waits = new Duration[items.Length];
        for (var index = 0; index < items.Length; index++)
        {
            if (ParseWait(items[index].Trim()) is not { } wait || wait <= Duration.Zero)
            {
                return (null, $"item {index + 1} ('{items[index].Trim()}') is not a positive duration such as 5s, 5m, 2h, 1d or 00:00:05.");
            }

            waits[index] = wait;
        }

        return (new RetrySchedule(waits), null);
    }

    public static RetrySchedule From(WebhookOptions options) =>
        Parse(options.RetrySchedule).Schedule ?? throw new InvalidOperationException($"{WebhookOptions.SectionName}:RetrySchedule was not validated.");

    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/> (1-based), stretched by a random share within
    /// ±<paramref name="jitter"/>; null when that was the last attempt.
    /// </summary>
    public Duration? WaitAfter(int attempt, double jitter, Random random)
    {
        if (attempt < 1 || attempt > _waits.Length)
        {
            return null;
        }

        var factor = 1 + (jitter * ((random.NextDouble() * 2) - 1));
        return Duration.FromTicks((long)(_waits[attempt - 1].BclCompatibleTicks * factor));
    }

    private static Duration? ParseWait(string item)
    {
        if (item.Length < 2)
        {
            return null;
        }

        if (TimeSpan.TryParseExact(item, "c", CultureInfo.InvariantCulture, out var span) && item.Contains(':', StringComparison.Ordinal))
        {
            return Duration.FromTimeSpan(span);
        }

        if (!double.TryParse(item.AsSpan(0, item.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return item[^1] switch
        {
            's' => Duration.FromSeconds(amount),
            'm' => Duration.FromMinutes(amount),
            'h' => Duration.FromHours(amount),
            'd' => Duration.FromDays(amount),
            _ => null,
        };
    }
}

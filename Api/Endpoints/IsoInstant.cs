using NodaTime;
using NodaTime.Text;

namespace StoreMonitor.Api.Endpoints;

/// <summary>How every endpoint writes an instant: ISO 8601 in UTC, e.g. <c>2023-01-25T18:13:22.123456Z</c>.</summary>
internal static class IsoInstant
{
    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static string? Format(Instant? instant) => instant is { } value ? Format(value) : null;
}

namespace StoreMonitor.Api.Endpoints;

/// <summary>Report ids are random GUIDs in 32-digit hex: unguessable, and checkable before touching any grain.</summary>
internal static class ReportIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string text) => text.Trim().Length == 32 && Guid.TryParseExact(text.Trim(), "N", out _);

    public static string Normalize(string text) => Guid.ParseExact(text.Trim(), "N").ToString("N");
}

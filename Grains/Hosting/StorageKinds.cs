namespace StoreMonitor.Grains.Hosting;

/// <summary>The values of <c>StoreMonitor:Storage</c>.</summary>
public static class StorageKinds
{
    public const string Sqlite = "sqlite";
    public const string Memory = "memory";

    public static IReadOnlyList<string> All { get; } = [Sqlite, Memory];

    public static bool IsSupported(string kind) => All.Contains(kind.Trim(), StringComparer.OrdinalIgnoreCase);
}

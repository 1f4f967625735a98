namespace StoreMonitor.Grains.Hosting;

public static class StorageNames
{
    /// <summary>The grain storage provider every Store Monitor grain persists through.</summary>
    public const string Grains = "store-monitor";
}

namespace StoreMonitor.Grains.Interfaces.Diagnostics;

/// <summary>
/// The meter the service records its own measurements on. Silos (store and report metrics) and the API host
/// (ingestion metrics) each create it and export it by this name.
/// </summary>
public static class StoreMonitorMeter
{
    public const string Name = "StoreMonitor";

    /// <summary>The tag every finished run or report carries.</summary>
    public static KeyValuePair<string, object?> Outcome(bool succeeded) => new("outcome", succeeded ? "succeeded" : "failed");
}

namespace StoreMonitor.Grains.Reports;

public static class ReportPhases
{
    public const string None = "";
    public const string WaitingForIngestion = "waiting-for-ingestion";
    public const string Queued = "queued";
    public const string Computing = "computing";
    public const string Done = "done";
}

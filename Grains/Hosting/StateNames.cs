namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// The names grain state is stored under (the storage row's grain type string). Stored rows are found by
/// these names: they are fixed forever, whatever the classes are called.
/// </summary>
public static class StateNames
{
    public const string Store = "store";
    public const string StoreIndex = "store-index";
    public const string Report = "report";
    public const string IngestionStatus = "ingestion-status";
    public const string ReportCatalog = "report-catalog";
    public const string ReportPart = "report-part";
    public const string IngestionRun = "ingestion-run";
    public const string WebhookRouter = "webhook-router";
    public const string WebhookSubscription = "webhook-subscription";
    public const string WebhookQueuePiece = "webhook-queue-piece";
    public const string LiveBoard = "live-board";
}

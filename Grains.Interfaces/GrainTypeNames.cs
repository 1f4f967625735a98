namespace StoreMonitor.Grains.Interfaces;

/// <summary>
/// The grain type names (<c>[GrainType]</c>). Grain ids in storage, reminders and the directory carry them, so they
/// are fixed forever, whatever the classes are called.
/// </summary>
public static class GrainTypeNames
{
    public const string Store = "store";
    public const string StoreIndex = "storeindex";
    public const string Report = "report";
    public const string ReportQueue = "reportqueue";
    public const string ReportCatalog = "reportcatalog";
    public const string ReportPart = "reportpart";
    public const string IngestionStatus = "ingestionstatus";
    public const string IngestionRun = "ingestionrun";
    public const string WebhookRouter = "webhookrouter";
    public const string WebhookSubscription = "webhooksubscription";
    public const string LiveBoard = "liveboard";
    public const string LiveHosts = "livehosts";
    public const string LiveNotifier = "livenotifier";
}

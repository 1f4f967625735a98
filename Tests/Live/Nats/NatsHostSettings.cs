namespace StoreMonitor.Tests.Live.Nats;

/// <summary>The API host's arguments for a consumer of a test broker: the defaults, but a short retry delay and ack wait.</summary>
internal static class NatsHostSettings
{
    public const string Stream = "POLLS";
    public const string Subject = "polls";
    public const string Consumer = "store-monitor";
    public const string DeadLetterStream = "POLLS_DEAD_LETTERS";

    public static string[] For(string url, params string[] more) =>
    [
        "--StoreMonitor:ScanInterval=00:00:00",
        $"--StoreMonitor:Live:Nats:Url={url}",
        "--StoreMonitor:Live:Nats:RetryDelay=00:00:00.200",
        .. more,
    ];
}

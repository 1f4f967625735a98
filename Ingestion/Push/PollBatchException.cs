namespace StoreMonitor.Ingestion.Push;

/// <summary>A pushed body that cannot be read as a whole (not JSON, a CSV header without a required column): nothing of it is kept.</summary>
public sealed class PollBatchException(string message) : Exception(message);

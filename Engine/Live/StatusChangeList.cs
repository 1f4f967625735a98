namespace StoreMonitor.Engine.Live;

/// <summary>Collects every change a derivation finds, in time order.</summary>
public readonly struct StatusChangeList() : IStatusChangeSink
{
    public List<StatusChange> Changes { get; } = [];

    public void Add(in StatusChange change) => Changes.Add(change);
}

namespace StoreMonitor.Engine.Live;

/// <summary>Receives the changes a derivation finds, in time order. Structs, so a derivation is specialised per use.</summary>
public interface IStatusChangeSink
{
    void Add(in StatusChange change);
}

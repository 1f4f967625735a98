using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// A sink for the polls file that takes each valid row's store id as the UTF-8 bytes of the file, not as a string.
/// A run's reader finds the store's buffer straight from those bytes, so its millions of rows cost one table probe
/// each rather than a string lookup followed by a store lookup. The sink may hold rows back until
/// <see cref="Flush"/>.
/// </summary>
public interface IPollFieldsSink : IRowSink<PollRow>
{
    void Accept(ReadOnlySpan<byte> storeIdUtf8, long unixTicks, PollStatus status);

    /// <summary>Called once after the file's last row, or where its read broke off: rows held back are applied.</summary>
    void Flush();
}

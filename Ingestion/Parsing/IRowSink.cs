namespace StoreMonitor.Ingestion.Parsing;

/// <summary>Receives the rows of one file as they stream past: valid rows and rejections, in file order.</summary>
public interface IRowSink<TRow>
{
    void Accept(in TRow row);

    void Reject(RowRejection rejection);
}

using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>What a report file needs of one store's row: its id and its exact totals.</summary>
public interface IReportRow
{
    string StoreId { get; }

    UptimeTotals Totals { get; }
}

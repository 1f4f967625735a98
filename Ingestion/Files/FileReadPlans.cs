using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Files;

/// <summary>The plans of one run's input files; disposing them closes the files they hold open.</summary>
internal sealed class FileReadPlans : IDisposable
{
    private readonly List<FileReadPlan> _plans = [];

    public IReadOnlyList<FileReadPlan> All => _plans;

    public static FileReadPlans Plan(IEnumerable<(InputFileKind Kind, string Path)> files, IReadOnlyDictionary<string, IngestedFile> recorded)
    {
        var plans = new FileReadPlans();
        try
        {
            foreach (var (kind, path) in files)
            {
                plans._plans.Add(FilePlanner.Plan(kind, path, recorded.GetValueOrDefault(path)));
            }

            return plans;
        }
        catch
        {
            plans.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var plan in _plans)
        {
            plan.Dispose();
        }
    }
}

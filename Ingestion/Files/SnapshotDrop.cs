using System.Globalization;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// How many of the stores an hours, zone or special hours file named (<see cref="Before"/>) a new version no longer names
/// (<see cref="Dropped"/>): those stores would lose their hours (open 24×7), zone (<c>America/Chicago</c>) or special
/// hours (their weekly hours on every date).
/// </summary>
public sealed record SnapshotDrop(int Before, int Dropped)
{
    public double Share => Before == 0 ? 0 : (double)Dropped / Before;

    /// <summary>Whether more than <paramref name="maxShare"/> of the stores would lose their rows (a whole file replaced by a few rows, say).</summary>
    public bool Exceeds(double maxShare) => Share > maxShare;

    public static SnapshotDrop Between(HashSet<ulong> before, HashSet<ulong> after) =>
        new(before.Count, before.Count(store => !after.Contains(store)));

    private static string RowsOf(InputFileKind kind) => kind switch
    {
        InputFileKind.BusinessHours => "hours",
        InputFileKind.SpecialHours => "special hours",
        _ => "zone",
    };

    /// <summary>The counts in words, e.g. "would drop the rows of 990 of the 1,000 stores menu_hours.csv named (99%)".</summary>
    public string Describe(InputFileKind kind, string file) =>
        string.Create(CultureInfo.InvariantCulture, $"{file} would drop the {RowsOf(kind)} rows of {Dropped:N0} of the {Before:N0} stores it named before ({Share * 100:0}%)");
}

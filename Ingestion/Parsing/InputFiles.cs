namespace StoreMonitor.Ingestion.Parsing;

/// <summary>Recognizes the input files by name, aliases included, ignoring case (operators rename files by hand).</summary>
public static class InputFiles
{
    private static readonly IReadOnlyDictionary<InputFileKind, string[]> Names = new Dictionary<InputFileKind, string[]>
    {
        [InputFileKind.StoreStatus] = ["store_status.csv"],
        [InputFileKind.BusinessHours] = ["menu_hours.csv", "business_hours.csv"],
        [InputFileKind.TimeZones] = ["timezones.csv", "timezone.csv", "store_timezone.csv"],
        [InputFileKind.SpecialHours] = ["special_hours.csv"],
    };

    /// <summary>The accepted file names of a kind, the preferred one first.</summary>
    public static IReadOnlyList<string> NamesOf(InputFileKind kind) => Names[kind];

    /// <summary>The kind of the file at <paramref name="path"/> (only its name counts), or null for any other file.</summary>
    public static InputFileKind? Identify(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        foreach (var (kind, names) in Names)
        {
            if (names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>
    /// The input files present in <paramref name="directory"/> (not its subdirectories), by kind; kinds without a file
    /// are absent. Two files of one kind (a name and its alias, or one name in two casings) would make the choice a
    /// guess, so they throw <see cref="AmbiguousInputFileException"/> naming both.
    /// </summary>
    public static IReadOnlyDictionary<InputFileKind, string> Find(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var found = new Dictionary<InputFileKind, string>();
        foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            if (Identify(path) is not { } kind)
            {
                continue;
            }

            if (found.TryGetValue(kind, out var other))
            {
                throw new AmbiguousInputFileException(kind, other, path);
            }

            found.Add(kind, path);
        }

        return found;
    }

    /// <summary>
    /// Where uploaded poll files wait (<c>POST /ingestion/files</c>): each is read once, like an hourly drop, and removed
    /// once applied longer ago than <c>StoreMonitor:Inbox:Retention</c>.
    /// </summary>
    public const string InboxFolder = "inbox";

    /// <summary>
    /// Every input file of <paramref name="directory"/>, the named ones (see <see cref="Find"/>) and the hourly poll drops
    /// (<c>store_status*.csv</c>, e.g. <c>store_status_2023-01-25T18.csv</c>, there or in its <c>inbox/</c>), in a stable
    /// order: kind, then path.
    /// </summary>
    public static IReadOnlyList<(InputFileKind Kind, string Path)> FindAll(string directory)
    {
        var named = Find(directory);
        var inbox = Path.Combine(directory, InboxFolder);
        var drops = Directory.EnumerateFiles(directory)
            .Concat(Directory.Exists(inbox) ? Directory.EnumerateFiles(inbox) : [])
            .Where(path => IsPollDrop(path) && !named.Values.Contains(path))
            .Select(path => (Kind: InputFileKind.StoreStatus, Path: path));
        return [.. named.Select(file => (file.Key, file.Value)).Concat(drops).OrderBy(file => file.Item1).ThenBy(file => file.Item2, StringComparer.Ordinal)];
    }

    /// <summary>An hourly drop of polls: <c>store_status</c> followed by anything, <c>.csv</c> (any case).</summary>
    public static bool IsPollDrop(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("store_status", StringComparison.OrdinalIgnoreCase)
            && name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            && Identify(path) is null;
    }
}

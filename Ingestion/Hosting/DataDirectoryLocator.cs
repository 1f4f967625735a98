namespace StoreMonitor.Ingestion.Hosting;

/// <summary>
/// Resolves the configured data directory. A relative path is looked up from the working directory upwards:
/// <c>dotnet run --project Api</c> runs in the project folder, while the sample <c>data/</c> sits at the
/// repository root, and both should just work.
/// </summary>
internal static class DataDirectoryLocator
{
    public static string Resolve(string configured, string workingDirectory)
    {
        if (Path.IsPathRooted(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(workingDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, configured);
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return Path.GetFullPath(Path.Combine(workingDirectory, configured));
    }
}

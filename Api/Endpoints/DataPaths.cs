namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// How the ingestion answers name the server's files: relative to the data directory, as the upload answer does, so no
/// answer shows where the server keeps them (the server log does). A message that names a path, such as a file's error
/// or a run's, names it the same way.
/// </summary>
public sealed class DataPaths(string dataDirectory)
{
    private readonly string _directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));

    /// <summary>A file of the data directory, e.g. <c>store_status.csv</c> or <c>inbox/…</c>.</summary>
    public string File(string path) => Path.IsPathFullyQualified(path) ? Path.GetRelativePath(_directory, path) : path;

    /// <summary><paramref name="text"/> with every path under the data directory relative to it, and the directory itself named in words.</summary>
    public string Text(string text) => text
        .Replace(_directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
        .Replace(_directory, "the data directory", StringComparison.Ordinal);

    public string? OptionalText(string? text) => text is null ? null : Text(text);
}

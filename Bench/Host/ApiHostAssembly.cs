namespace StoreMonitor.Bench.Host;

/// <summary>
/// The API host's build output beside this benchmark's: the same checkout and configuration (Bench.csproj builds it),
/// so a Release benchmark runs the Release host.
/// </summary>
internal static class ApiHostAssembly
{
    private const string FileName = "StoreMonitor.Api.dll";

    public static string Locate()
    {
        // This assembly is in <checkout>/Bench/bin/<configuration>/<framework>/.
        var framework = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = framework.Parent ?? throw Missing(framework.FullName);
        var checkout = configuration.Parent?.Parent?.Parent ?? throw Missing(framework.FullName);
        var path = Path.Combine(checkout.FullName, "Api", "bin", configuration.Name, framework.Name, FileName);
        return File.Exists(path) ? path : throw Missing(path);
    }

    private static FileNotFoundException Missing(string where) =>
        new($"the API host is not built at {where}; run: dotnet build -c Release Api", FileName);
}

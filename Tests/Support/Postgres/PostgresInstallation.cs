namespace StoreMonitor.Tests.Support.Postgres;

/// <summary>Where this machine's PostgreSQL server binaries are (the Debian <c>postgresql</c> package), if anywhere.</summary>
public static class PostgresInstallation
{
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The newest <c>/usr/lib/postgresql/N/bin</c> holding <c>initdb</c> and <c>pg_ctl</c>, or null.</summary>
    public static string? FindBinDirectory()
    {
        if (!Directory.Exists(DebianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(DebianRoot)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
            .FirstOrDefault();
    }

    /// <summary>
    /// Skips the calling test with a clear message when PostgreSQL is missing, except under CI (<c>CI=true</c>),
    /// where a missing server is a failure: CI installs it, so its absence means the tests did not really run.
    /// </summary>
    public static void RequireOrSkip(string? unavailableReason)
    {
        if (unavailableReason is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"PostgreSQL is required under CI: {unavailableReason}");
        }

        Skip.If(true, $"PostgreSQL is not available, so this test cannot run: {unavailableReason} (apt-get install postgresql)");
    }
}

namespace StoreMonitor.Tests.Support.Nats;

/// <summary>Whether the tests can start a <c>nats-server</c>, and the skip (or, under CI, the failure) when they cannot.</summary>
public static class NatsInstallation
{
    /// <summary>
    /// Skips the calling test with a clear message when nats-server is missing, except under CI (<c>CI=true</c>), where
    /// its absence is a failure: CI installs it, so a skip there would hide that the NATS tests never ran.
    /// </summary>
    public static void RequireOrSkip()
    {
        if (NatsServerProcess.FindExecutable() is not null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("nats-server is required under CI but is not installed (apt-get install nats-server).");
        }

        Skip.If(true, "nats-server is not installed, so the NATS tests cannot run (apt-get install nats-server).");
    }
}

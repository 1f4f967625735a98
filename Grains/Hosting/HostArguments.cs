namespace StoreMonitor.Grains.Hosting;

/// <summary>Host-level defaults every Store Monitor host starts from, as command-line switches its own arguments can override.</summary>
public static class HostArguments
{
    /// <summary>
    /// <paramref name="args"/> with the configuration files read once, not watched. The watcher behind
    /// <c>reloadOnChange</c> watches the whole content root recursively, and the default SQLite database lives there:
    /// every write to its journal woke the watcher (about 3 % of a busy silo's CPU). Settings are bound and validated
    /// once at start, so a reload would change nothing. <c>--hostBuilder:reloadConfigOnChange=true</c> restores it.
    /// </summary>
    public static string[] WithDefaults(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];
}

using Microsoft.Extensions.Configuration;
using StoreMonitor.Api.Hosting;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// The host reads its settings files once: watching them would watch the whole content root, where the default
/// SQLite database takes every write, for a reload that changes nothing (settings are validated once at start).
/// </summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public async Task Settings_files_are_not_watched_unless_asked_for()
    {
        Assert.All(await JsonSourcesAsync([]), source => Assert.False(source.ReloadOnChange, source.Path));
        Assert.All(await JsonSourcesAsync(["--hostBuilder:reloadConfigOnChange=true"]), source => Assert.True(source.ReloadOnChange, source.Path));
    }

    private static async Task<FileConfigurationSource[]> JsonSourcesAsync(string[] args)
    {
        await using var app = StoreMonitorApi.Build(args);
        var sources = ((IConfigurationRoot)app.Configuration).Providers
            .OfType<FileConfigurationProvider>()
            .Select(provider => provider.Source)
            .ToArray();
        Assert.NotEmpty(sources);
        return sources;
    }
}

using StoreMonitor.Ingestion.Hosting;
using StoreMonitor.Ingestion.Uploads;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

public sealed class DataDirectoryLocatorTests
{
    [Fact]
    public void A_relative_directory_is_found_in_a_parent_of_the_working_directory()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.File("data"));
        var project = Directory.CreateDirectory(root.File("Api")).FullName;

        Assert.Equal(root.File("data"), DataDirectoryLocator.Resolve("data", project));
    }

    [Fact]
    public void A_relative_directory_in_the_working_directory_wins_over_a_parent()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.File("data"));
        var project = Directory.CreateDirectory(root.File("Api")).FullName;
        Directory.CreateDirectory(Path.Combine(project, "data"));

        Assert.Equal(Path.Combine(project, "data"), DataDirectoryLocator.Resolve("data", project));
    }

    [Fact]
    public void A_missing_relative_directory_resolves_against_the_working_directory()
    {
        using var root = new TempDirectory();

        Assert.Equal(root.File("nowhere-to-be-found"), DataDirectoryLocator.Resolve("nowhere-to-be-found", root.Path));
    }

    [Fact]
    public void An_absolute_directory_is_taken_as_it_is()
    {
        using var root = new TempDirectory();

        Assert.Equal(root.File("elsewhere"), DataDirectoryLocator.Resolve(root.File("elsewhere"), "/"));
    }
}

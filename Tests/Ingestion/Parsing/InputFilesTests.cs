using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion.Parsing;

public sealed class InputFilesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("input-files-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Touch(string name)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, "");
        return path;
    }

    [Theory]
    [InlineData("store_status.csv", InputFileKind.StoreStatus)]
    [InlineData("menu_hours.csv", InputFileKind.BusinessHours)]
    [InlineData("business_hours.csv", InputFileKind.BusinessHours)]
    [InlineData("timezones.csv", InputFileKind.TimeZones)]
    [InlineData("timezone.csv", InputFileKind.TimeZones)]
    [InlineData("store_timezone.csv", InputFileKind.TimeZones)]
    [InlineData("Store_Status.CSV", InputFileKind.StoreStatus)]
    [InlineData("/data/in/MENU_HOURS.csv", InputFileKind.BusinessHours)]
    public void Names_and_aliases_are_recognized_ignoring_case(string path, InputFileKind kind) =>
        Assert.Equal(kind, InputFiles.Identify(path));

    [Theory]
    [InlineData("store_status_sample.csv")]
    [InlineData("store_status.csv.bak")]
    [InlineData("readme.md")]
    public void Other_files_are_not_input_files(string path) => Assert.Null(InputFiles.Identify(path));

    [Fact]
    public void Find_returns_the_input_files_present_by_kind()
    {
        var polls = Touch("store_status.csv");
        var hours = Touch("Business_Hours.csv");
        Touch("notes.txt");

        Assert.Equal(
            new Dictionary<InputFileKind, string> { [InputFileKind.StoreStatus] = polls, [InputFileKind.BusinessHours] = hours },
            InputFiles.Find(directory));
    }

    [Fact]
    public void A_name_and_its_alias_together_are_an_error_naming_both()
    {
        var menu = Touch("menu_hours.csv");
        var business = Touch("business_hours.csv");

        var error = Assert.Throws<AmbiguousInputFileException>(() => InputFiles.Find(directory));

        Assert.Equal(InputFileKind.BusinessHours, error.Kind);
        Assert.Equal([business, menu], new[] { error.First, error.Second }.Order());
        Assert.Contains(menu, error.Message);
        Assert.Contains(business, error.Message);
    }

    [Fact]
    public void The_preferred_name_comes_first() =>
        Assert.Equal(["timezones.csv", "timezone.csv", "store_timezone.csv"], InputFiles.NamesOf(InputFileKind.TimeZones));
}

using System.Text;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// The ingestion answers name the server's files as the upload answer does, relative to the data directory: no answer
/// shows where the server keeps its files (the log does).
/// </summary>
public sealed class IngestionAnswerPathsTests : IAsyncLifetime
{
    private const string PollsHeader = "store_id,status,timestamp_utc\n";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        // A rejected row, and an hours file that cannot be read whole: both are named in the run's summary.
        File.WriteAllText(_data.File("store_status.csv"), PollsHeader + "a,active,2023-01-22 12:00:00 UTC\na,maybe,2023-01-22 13:00:00 UTC\n");
        File.WriteAllText(_data.File("menu_hours.csv"), "store_id,dayOfWeek\na,1\n");
        _host = await ApiHost.StartAsync(_data.Path, _database.File("grains.db"), "--StoreMonitor:ScanInterval=00:00:00");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Ingestion_answers_name_files_relative_to_the_data_directory_and_no_path_of_the_server()
    {
        var first = (await _host.WaitForIngestionAsync()).GetProperty("last_run").GetProperty("run_id").GetString()!;
        var upload = await _host.Client.PostAsync("/ingestion/files?name=store_status_2023-01-22T14.csv", new StringContent(PollsHeader + "b,active,2023-01-22 14:00:00 UTC\n", Encoding.UTF8, "text/csv"));
        var uploaded = await ReadJsonAsync(upload);
        var second = uploaded.GetProperty("run_id").GetString()!;
        await WaitForLastRunAsync(second);
        // Two hours files make the next run fail with an error that names both.
        File.WriteAllText(_data.File("business_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\na,1,09:00,17:00\n");
        var started = await _host.Client.PostAsync("/ingestion", null);
        var startedBody = await ReadJsonAsync(started);
        var third = startedBody.GetProperty("current_run") is { ValueKind: JsonValueKind.Object } run
            ? run.GetProperty("run_id").GetString()!
            : startedBody.GetProperty("last_run").GetProperty("run_id").GetString()!;
        var status = await WaitForLastRunAsync(third);

        var answers = new Dictionary<string, JsonElement>
        {
            ["POST /ingestion/files"] = uploaded,
            ["POST /ingestion"] = startedBody,
            ["GET /ingestion"] = status,
            ["GET /ingestion/runs"] = await GetJsonAsync("/ingestion/runs"),
            ["GET /ingestion/runs/first"] = await GetJsonAsync($"/ingestion/runs/{first}"),
            ["GET /ingestion/runs/second"] = await GetJsonAsync($"/ingestion/runs/{second}"),
            ["GET /ingestion/runs/third"] = await GetJsonAsync($"/ingestion/runs/{third}"),
        };

        foreach (var (call, answer) in answers)
        {
            var leaks = Strings(answer).Where(text => text.Contains(_data.Path, StringComparison.Ordinal)).ToArray();
            Assert.True(leaks.Length == 0, $"{call} shows the server's data directory: {string.Join(" | ", leaks)}");
        }

        var firstRun = answers["GET /ingestion/runs/first"];
        var files = firstRun.GetProperty("files").EnumerateArray().ToDictionary(file => file.GetProperty("file").GetString()!);
        Assert.Equal(["menu_hours.csv", "store_status.csv"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["store_status.csv:3: status 'maybe' is neither 'active' nor 'inactive'"], files["store_status.csv"].GetProperty("first_rejections").EnumerateArray().Select(line => line.GetString()));
        Assert.StartsWith("menu_hours.csv:1: missing column", files["menu_hours.csv"].GetProperty("error").GetString());
        Assert.Contains(
            answers["GET /ingestion/runs/second"].GetProperty("files").EnumerateArray(),
            file => file.GetProperty("file").GetString() == uploaded.GetProperty("file").GetString());
        Assert.Contains("'business_hours.csv' and 'menu_hours.csv'", status.GetProperty("last_run").GetProperty("error").GetString());
        Assert.Contains("'business_hours.csv' and 'menu_hours.csv'", answers["GET /ingestion/runs"][0].GetProperty("error").GetString());
    }

    private async Task<JsonElement> WaitForLastRunAsync(string runId)
    {
        JsonElement status = default;
        await Waits.UntilAsync(
            async () =>
            {
                status = await GetJsonAsync("/ingestion");
                return status.GetProperty("state").GetString() == "Idle"
                    && status.GetProperty("last_run") is { ValueKind: JsonValueKind.Object } last
                    && last.GetProperty("run_id").GetString() == runId;
            },
            TimeSpan.FromSeconds(60),
            $"ingestion run {runId} finishing");
        return status;
    }

    private async Task<JsonElement> GetJsonAsync(string path) => await ReadJsonAsync(await _host.Client.GetAsync(path));

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Every string in <paramref name="element"/>, property values and array items at any depth.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => Strings(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}

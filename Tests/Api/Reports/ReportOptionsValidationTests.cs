using System.Net;
using System.Text;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>Every option a report cannot use is refused with a 400 problem whose title names the option and whose detail says the rule.</summary>
[Collection(nameof(ReportOptionsFixture))]
public sealed class ReportOptionsValidationTests(ReportOptionsFixture fixture)
{
    private HttpClient Client => fixture.Host.Client;

    [Theory]
    [InlineData("""{"windows": "month"}""", "Invalid windows", "windows must be a list")]
    [InlineData("""{"windows": []}""", "Invalid windows", "windows is empty")]
    [InlineData("""{"windows": ["fortnight"]}""", "Invalid windows", "windows[0]: 'fortnight' is not a window; the windows are hour, day, week, month, quarter")]
    [InlineData("""{"windows": ["Month"]}""", "Invalid windows", "'Month' is not a window")]
    [InlineData("""{"windows": [7]}""", "Invalid windows", "windows[0] is neither a window's name")]
    [InlineData("""{"windows": ["day", "day"]}""", "Invalid windows", "windows[0] and windows[1] would both be the column uptime_last_day")]
    [InlineData("""{"windows": ["day", {"name": "last_day", "from": "2023-01-01T00:00:00Z", "to": "2023-01-02T00:00:00Z"}]}""", "Invalid windows", "would both be the column uptime_last_day")]
    [InlineData("""{"windows": [{"name": "jan", "from": "2023-01-01T00:00:00Z"}]}""", "Invalid windows", "windows[0] needs name, from and to")]
    [InlineData("""{"windows": [{"name": "jan", "from": "2023-01-01T00:00:00Z", "to": "2023-02-01T00:00:00Z", "tz": "UTC"}]}""", "Invalid windows", "windows[0] has an unknown property 'tz'")]
    [InlineData("""{"windows": [{"name": "jan", "from": 1, "to": "2023-02-01T00:00:00Z"}]}""", "Invalid windows", "windows[0].from must be a string")]
    [InlineData("""{"windows": [{"name": "Jan", "from": "2023-01-01T00:00:00Z", "to": "2023-02-01T00:00:00Z"}]}""", "Invalid windows", "windows[0]: the name 'Jan' is not 1 to 32 of the characters a-z, 0-9 and _")]
    [InlineData("""{"windows": [{"name": "", "from": "2023-01-01T00:00:00Z", "to": "2023-02-01T00:00:00Z"}]}""", "Invalid windows", "the name '' is not 1 to 32")]
    [InlineData("""{"windows": [{"name": "abcdefghijabcdefghijabcdefghijabc", "from": "2023-01-01T00:00:00Z", "to": "2023-02-01T00:00:00Z"}]}""", "Invalid windows", "is not 1 to 32")]
    [InlineData("""{"windows": [{"name": "jan", "from": "2023-02-01T00:00:00Z", "to": "2023-01-01T00:00:00Z"}]}""", "Invalid windows", "windows[0]: from must be before to")]
    [InlineData("""{"windows": [{"name": "jan", "from": "2023-01-01T00:00:00Z", "to": "2023-01-01T00:00:00Z"}]}""", "Invalid windows", "from must be before to")]
    [InlineData("""{"windows": [{"name": "long", "from": "2022-01-01T00:00:00Z", "to": "2023-02-06T00:00:00Z"}]}""", "Invalid windows", "a range is at most 400 days long; this one is 401")]
    [InlineData("""{"windows": [{"name": "jan", "from": "2023-01-01", "to": "2023-02-01T00:00:00Z"}]}""", "Invalid windows", "windows[0].from '2023-01-01' is not an ISO 8601 instant with an offset")]
    [InlineData("""{"windows": [{"name": "jan", "from": "2023-01-01T00:00:00Z", "to": "2300-01-01T00:00:00Z"}]}""", "Invalid windows", "windows[0].to '2300-01-01T00:00:00Z' is outside the supported range")]
    [InlineData("""{"stores": "1000000000000"}""", "Invalid stores", "stores must be a list of store ids")]
    [InlineData("""{"stores": []}""", "Invalid stores", "stores is empty")]
    [InlineData("""{"stores": ["1", 2]}""", "Invalid stores", "stores[1] must be a string")]
    [InlineData("""{"stores": ["1", " 2"]}""", "Invalid stores", "stores[1] (' 2') is no store id: a store id never starts or ends with a space")]
    [InlineData("""{"stores": ["1"], "store_prefix": "1"}""", "Invalid stores", "Give stores or store_prefix, not both")]
    [InlineData("""{"store_prefix": ""}""", "Invalid store_prefix", "store_prefix is empty")]
    [InlineData("""{"store_prefix": 10}""", "Invalid store_prefix", "store_prefix must be a string")]
    [InlineData("""{"store_prefix": "a\u0001"}""", "Invalid store_prefix", "control character")]
    [InlineData("""{"include_percent": "yes"}""", "Invalid include_percent", "include_percent must be true or false")]
    [InlineData("""{"windows": ["day"], "windows": ["week"]}""", "Invalid windows", "windows is given more than once in the body")]
    [InlineData("""{"window": ["day"]}""", "Unknown property", "unknown property 'window'; the properties are as_of, windows, stores, store_prefix and include_percent")]
    public async Task A_body_option_that_breaks_a_rule_is_refused(string body, string title, string detail) =>
        await AssertProblemAsync(await Client.PostAsync("/trigger_report", new StringContent(body, Encoding.UTF8, "application/json")), title, detail);

    [Fact]
    public async Task More_than_16_windows_are_refused()
    {
        object[] windows = ["hour", "day", "week", "month", "quarter", .. Enumerable.Range(1, 12).Select(day => new { name = $"d{day}", from = $"2023-01-{day:00}T00:00:00Z", to = $"2023-01-{day + 1:00}T00:00:00Z" })];

        await AssertProblemAsync(
            await Client.PostAsync("/trigger_report", new StringContent(JsonSerializer.Serialize(new { windows }), Encoding.UTF8, "application/json")),
            "Invalid windows",
            "windows has 17 windows; a report has at most 16");
    }

    [Fact]
    public async Task More_than_10000_stores_are_refused()
    {
        var body = JsonSerializer.Serialize(new { stores = Enumerable.Range(0, 10_001).Select(i => $"store-{i}") });

        await AssertProblemAsync(await Client.PostAsync("/trigger_report", new StringContent(body, Encoding.UTF8, "application/json")), "Invalid stores", "names 10,001 stores; a report names at most 10,000");
    }

    [Fact]
    public async Task Ten_thousand_stores_are_accepted()
    {
        var body = JsonSerializer.Serialize(new { stores = Enumerable.Range(0, 10_000).Select(i => $"{Guid.NewGuid()}"), windows = new[] { "day" } });

        var response = await Client.PostAsync("/trigger_report", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("?windows=", "Invalid windows", "windows item 1 (''): '' is not a window")]
    [InlineData("?windows=day,fortnight", "Invalid windows", "windows item 2 ('fortnight'): 'fortnight' is not a window")]
    [InlineData("?windows=jan:2023-01-01T00:00:00Z", "Invalid windows", "a range is name:from/to")]
    [InlineData("?windows=jan:2023-02-01T00:00:00Z/2023-01-01T00:00:00Z", "Invalid windows", "from must be before to")]
    [InlineData("?windows=jan:2023-01-01T00:00:00Z/soon", "Invalid windows", "to 'soon' is not an ISO 8601 instant")]
    [InlineData("?windows=day&windows=week", "Invalid windows", "windows is given more than once in the query")]
    [InlineData("?include_percent=yes", "Invalid include_percent", "include_percent is 'yes'; it is true or false")]
    [InlineData("?store_prefix=1&stores=1", "Invalid stores", "Give stores or store_prefix, not both")]
    [InlineData("?stores=%20x", "Invalid stores", "is no store id")]
    public async Task A_query_option_that_breaks_a_rule_is_refused(string query, string title, string detail)
    {
        await AssertProblemAsync(await Client.PostAsync($"/trigger_report{query}", null), title, detail);
        await AssertProblemAsync(await Client.GetAsync($"/trigger_report{query}"), title, detail);
    }

    [Fact]
    public async Task An_option_in_both_the_query_and_the_body_is_refused() =>
        await AssertProblemAsync(
            await Client.PostAsync("/trigger_report?windows=day", new StringContent("""{"windows": ["week"]}""", Encoding.UTF8, "application/json")),
            "Invalid windows",
            "windows is given in both the query and the body; give it once");

    [Theory]
    [InlineData("?windows=fortnight", "Invalid windows", "'fortnight' is not a window")]
    [InlineData("?windows=day&stores=1000000000000", "Invalid stores", "a store's uptime is the store in its path")]
    [InlineData("?store_prefix=1", "Invalid store_prefix", "a store's uptime is the store in its path")]
    [InlineData("?include_percent=maybe", "Invalid include_percent", "true or false")]
    public async Task A_store_uptime_option_that_breaks_a_rule_is_refused(string query, string title, string detail) =>
        await AssertProblemAsync(await Client.GetAsync($"/stores/1000000000000/uptime{query}"), title, detail);

    private static async Task AssertProblemAsync(HttpResponseMessage response, string title, string detail)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

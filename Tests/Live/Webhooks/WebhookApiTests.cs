using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;
using StoreMonitor.Tests.Support;
using static StoreMonitor.Tests.Live.Webhooks.WebhookCalls;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>One host with the default webhook settings (no loopback, no private targets) for the API's tests.</summary>
public sealed class DefaultWebhookHost : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();

    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync(_data.Path, _database.File("grains.db"),
        "--StoreMonitor:ScanInterval=00:00:00", "--StoreMonitor:Live:Webhooks:MaxSubscriptions=3");

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }
}

/// <summary>
/// <c>/webhooks</c> with the default settings: every rule of <c>POST /webhooks</c> refused with a 400 naming the field,
/// private and loopback targets refused up front when named by address and at connect time when named by a host name,
/// and the life of a subscription (created, listed, shown, deleted).
/// </summary>
public sealed class WebhookApiTests(DefaultWebhookHost fixture) : IClassFixture<DefaultWebhookHost>
{
    private HttpClient Client => fixture.Host.Client;

    public static TheoryData<string, string, string> Refused => new()
    {
        // body, title, a part of the detail
        { "not json", "Invalid body", "not valid JSON" },
        { "[]", "Invalid body", "must be a JSON object" },
        { """{"url": "https://hooks.example.com/x", "event": ["store.down"]}""", "Invalid event", "unknown property 'event'" },
        { """{"events": ["store.down"]}""", "Invalid url", "url is required" },
        { """{"url": 42}""", "Invalid url", "must be a string" },
        { """{"url": "https://hooks.example.com/a", "url": "https://hooks.example.com/b"}""", "Invalid url", "more than once" },
        { """{"url": "/hook"}""", "Invalid url", "absolute http(s) URL" },
        { """{"url": "ftp://hooks.example.com/x"}""", "Invalid url", "absolute http(s) URL" },
        { """{"url": "http://hooks.example.com/x"}""", "Invalid url", "must use https" },
        { """{"url": "http://127.0.0.1:9/x"}""", "Invalid url", "must use https" },
        { """{"url": "https://user:secret@hooks.example.com/x"}""", "Invalid url", "user name or password" },
        { """{"url": "https://hooks.example.com/x#frag"}""", "Invalid url", "fragment" },
        { """{"url": "https://10.0.0.1/x"}""", "Invalid url", "10.0.0.1, a private address" },
        { """{"url": "https://192.168.1.20/x"}""", "Invalid url", "a private address" },
        { """{"url": "https://169.254.169.254/latest/meta-data"}""", "Invalid url", "a link-local address" },
        { """{"url": "https://127.0.0.1/x"}""", "Invalid url", "a loopback address" },
        { """{"url": "https://[::1]/x"}""", "Invalid url", "a loopback address" },
        { """{"url": "https://[fd00::1]/x"}""", "Invalid url", "a unique-local address" },
        { """{"url": "https://[::ffff:10.0.0.1]/x"}""", "Invalid url", "a private address" },
        { """{"url": "https://0.0.0.0/x"}""", "Invalid url", "never a webhook target" },
        { """{"url": "https://hooks.example.com/x", "events": "store.down"}""", "Invalid events", "must be a list" },
        { """{"url": "https://hooks.example.com/x", "events": []}""", "Invalid events", "events is empty" },
        { """{"url": "https://hooks.example.com/x", "events": ["store.exploded"]}""", "Invalid events", "events[0] ('store.exploded') is not an event kind" },
        { """{"url": "https://hooks.example.com/x", "events": ["store.up", 7]}""", "Invalid events", "events[1] (not a string)" },
        { """{"url": "https://hooks.example.com/x", "stores": "1001"}""", "Invalid stores", "must be a list" },
        { """{"url": "https://hooks.example.com/x", "stores": []}""", "Invalid stores", "stores is empty" },
        { """{"url": "https://hooks.example.com/x", "stores": ["1001", 1002]}""", "Invalid stores", "stores[1] must be a string" },
        { """{"url": "https://hooks.example.com/x", "stores": [" 1001"]}""", "Invalid stores", "never starts or ends with a space" },
        { """{"url": "https://hooks.example.com/x", "store_prefix": 10}""", "Invalid store_prefix", "must be a string" },
        { """{"url": "https://hooks.example.com/x", "store_prefix": ""}""", "Invalid store_prefix", "store_prefix is empty" },
        { """{"url": "https://hooks.example.com/x", "store_prefix": "a\u0001"}""", "Invalid store_prefix", "control character" },
        { """{"url": "https://hooks.example.com/x", "stores": ["1001"], "store_prefix": "10"}""", "Invalid stores", "not both" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_subscription_that_breaks_a_rule_is_refused_naming_the_field(string body, string title, string detail)
    {
        var response = await Client.PostAsync("/webhooks", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_ten_thousand_stores_are_refused()
    {
        var response = await Client.PostAsJsonAsync("/webhooks", new { url = "https://hooks.example.com/x", stores = Enumerable.Range(0, 10_001).Select(i => $"s{i}") });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid stores", problem.GetProperty("title").GetString());
        Assert.Contains("10,001 stores; a subscription names at most 10,000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_its_content_type_is_a_415()
    {
        var response = await Client.PostAsync("/webhooks", new StringContent("url=https://hooks.example.com", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/webhooks/not-an-id", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/webhooks/wh_0123456789abcdef0123456789abcdef", HttpStatusCode.NotFound)]
    [InlineData("GET", "/webhooks/wh_0123456789abcdef0123456789abcdef/deliveries", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/webhooks/wh_0123456789ABCDEF0123456789abcdef", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "/webhooks/wh_0123456789abcdef0123456789abcdef", HttpStatusCode.NotFound)]
    public async Task A_malformed_id_is_a_400_and_an_unknown_one_a_404(string method, string path, HttpStatusCode expected)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_subscription_is_created_listed_shown_and_deleted()
    {
        var response = await Client.PostAsJsonAsync("/webhooks", new { url = "https://hooks.example.com/store-monitor", events = new[] { "store.down", "store.up", "store.down" }, store_prefix = "10" });
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("subscription").GetProperty("id").GetString()!;
        var shown = await StatusAsync(Client, id);
        var listed = JsonDocument.Parse(await Client.GetStringAsync("/webhooks")).RootElement.GetProperty("webhooks").EnumerateArray().Select(webhook => webhook.GetProperty("id").GetString()).ToArray();
        var deleted = await Client.DeleteAsync($"/webhooks/{id}");
        var afterwards = await Client.GetAsync($"/webhooks/{id}");
        var listedAfterwards = await Client.GetStringAsync("/webhooks");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/webhooks/{id}", response.Headers.Location?.OriginalString);
        Assert.True(WebhookIds.IsWellFormed(id));
        Assert.Equal("https://hooks.example.com/store-monitor", shown.GetProperty("url").GetString());
        Assert.Equal(["store.down", "store.up"], shown.GetProperty("events").EnumerateArray().Select(kind => kind.GetString()));
        Assert.Equal("10", shown.GetProperty("store_prefix").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("stores").ValueKind);
        Assert.Equal("enabled", shown.GetProperty("status").GetString());
        Assert.False(shown.TryGetProperty("secret", out _));
        Assert.Contains(id, listed);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
        Assert.DoesNotContain(id, listedAfterwards, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_most_subscriptions_allowed_a_new_one_is_a_409()
    {
        var created = new List<string>();
        HttpResponseMessage response;
        while (true)
        {
            response = await Client.PostAsJsonAsync("/webhooks", new { url = "https://hooks.example.com/many" });
            if (response.StatusCode != HttpStatusCode.Created)
            {
                break;
            }

            created.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("subscription").GetProperty("id").GetString()!);
            Assert.True(created.Count <= 3, "more subscriptions than StoreMonitor:Live:Webhooks:MaxSubscriptions were created");
        }

        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        foreach (var id in created)
        {
            await Client.DeleteAsync($"/webhooks/{id}");
        }

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("MaxSubscriptions", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_refused_when_the_delivery_connects()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // A name, not an address: nothing to judge until it is resolved, at connect time.
        var (id, _) = await CreateAsync(Client, new { url = $"https://localhost:{receiver.Url.Port}/hook" });
        try
        {
            await fixture.Host.Grains.GetGrain<IWebhookRouterGrain>(WebhookRouter.Key).Publish([Event(StoreEventKinds.Down, "2001")]);
            await Waits.UntilAsync(async () => (await AttemptsAsync(Client, id)).Length > 0, TimeSpan.FromSeconds(30), "the first attempt");
            var attempt = (await AttemptsAsync(Client, id))[0];

            Assert.Equal(JsonValueKind.Null, attempt.GetProperty("status_code").ValueKind);
            Assert.Matches(@"^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address \(allowed only with StoreMonitor:Live:Webhooks:AllowLoopbackHttp", attempt.GetProperty("error").GetString());
            Assert.Equal("retrying", attempt.GetProperty("outcome").GetString());
            Assert.Empty(receiver.Received);
        }
        finally
        {
            await Client.DeleteAsync($"/webhooks/{id}");
        }
    }
}

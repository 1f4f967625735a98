using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using StoreMonitor.Grains.Live;
using StoreMonitor.Tests.Api.Security;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Live;

/// <summary>
/// The hub where keys are required (<c>StoreMonitor:Auth:Required=true</c>): no key or a wrong one is refused at the
/// negotiate call, a reader key in <c>access_token</c> (how a browser's WebSocket carries it) or as a bearer token
/// connects and receives events, and <c>access_token</c> counts on the hub only, never on the rest of the API.
/// </summary>
/// <remarks>Each test pushes stores of its own and waits for their events only, so the class shares one host (<see cref="HubHost"/>).</remarks>
public sealed class StoreEventsHubAuthTests(StoreEventsHubAuthTests.HubHost fixture) : IClassFixture<StoreEventsHubAuthTests.HubHost>
{
    private KeyedLiveHost Keyed => fixture.Keyed;

    private Uri Address => Keyed.Host.Client.BaseAddress!;

    [Theory]
    [InlineData("")]
    [InlineData("?access_token=wrong-key-5d1c7e")]
    public async Task A_client_without_a_valid_key_is_refused_with_a_401(string query)
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubListener.ConnectAsync(Address, query));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_reader_key_in_access_token_connects_and_receives_the_event_of_a_pushed_poll()
    {
        await using var client = await HubListener.ConnectAsync(Address, $"?access_token={SecuredHost.ReaderKey}");

        await PushDownAsync("auth-query");
        var down = await client.NextAsync(received => received.StoreId == "auth-query", LiveHost.Deadline, "the pushed store's event");

        Assert.Equal("store.down", down.Kind);
    }

    [Fact]
    public async Task A_reader_key_as_a_bearer_token_connects_and_receives_events_too()
    {
        await using var client = await HubListener.ConnectAsync(Address, bearer: SecuredHost.ReaderKey);

        await PushDownAsync("auth-bearer");
        var down = await client.NextAsync(received => received.StoreId == "auth-bearer", LiveHost.Deadline, "the pushed store's event");

        Assert.Equal("store.down", down.Kind);
    }

    [Fact]
    public async Task Access_token_is_no_key_anywhere_but_the_hub()
    {
        using var anonymous = Keyed.Host.CreateClient(apiKey: null);

        var board = await anonymous.GetAsync($"/stores/down?access_token={SecuredHost.ReaderKey}");

        Assert.Equal(HttpStatusCode.Unauthorized, board.StatusCode);
    }

    /// <summary>A first poll, inactive, a second ago: a store open around the clock goes down.</summary>
    private async Task PushDownAsync(string storeId)
    {
        var at = SystemClock.Instance.GetCurrentInstant() - Duration.FromSeconds(1);
        using var content = new StringContent($$"""[{"store_id":"{{storeId}}","timestamp_utc":"{{at}}","status":"inactive"}]""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await Keyed.Operator.PostAsync("/polls", content);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /polls answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The keyed live host, started once for the class.</summary>
    public sealed class HubHost : IAsyncLifetime
    {
        public KeyedLiveHost Keyed { get; private set; } = null!;

        public async Task InitializeAsync() => Keyed = await KeyedLiveHost.StartAsync();

        public async Task DisposeAsync() => await Keyed.DisposeAsync();
    }
}

using System.Net;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Security;

/// <summary>
/// Keys are optional on loopback and required as soon as the API listens on the network. The network case binds
/// <c>0.0.0.0</c> on a free port and is called through 127.0.0.1, so the traffic never leaves this machine.
/// </summary>
public sealed class ListenAddressDefaultTests
{
    [Fact]
    public async Task Bound_to_every_interface_the_api_demands_a_key_even_from_loopback()
    {
        await using var secured = await SecuredHost.StartAsync(stores: 10, $"--urls=http://0.0.0.0:{ApiHost.FreePort()}");

        var anonymousTrigger = await secured.Host.Client.PostAsync("/trigger_report", null);
        var anonymousRead = await secured.Host.Client.GetAsync("/ingestion");
        var operatorTrigger = await secured.Operator.PostAsync("/trigger_report", null);

        Assert.Equal("127.0.0.1", secured.Host.Client.BaseAddress!.Host);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousTrigger.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRead.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, operatorTrigger.StatusCode);
    }

    [Fact]
    public async Task On_loopback_a_call_without_a_key_has_full_rights_but_a_given_key_is_still_checked()
    {
        await using var secured = await SecuredHost.StartAsync(stores: 10);
        using var wrong = secured.Host.CreateClient("not-a-configured-key");

        var anonymousTrigger = await secured.Host.Client.PostAsync("/trigger_report", null);
        var readerTrigger = await secured.Reader.PostAsync("/trigger_report", null);
        var wrongRead = await wrong.GetAsync("/ingestion");

        Assert.Equal(HttpStatusCode.Accepted, anonymousTrigger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerTrigger.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongRead.StatusCode);
    }
}

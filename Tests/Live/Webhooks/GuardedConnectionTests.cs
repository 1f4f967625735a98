using System.Net;
using StoreMonitor.Grains.Webhooks;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>
/// The connect-time check. The connection step here records what it is asked to reach and opens nothing: a private
/// address must never be connected to, from a test either, so a wrong check fails the test without a packet leaving.
/// </summary>
public sealed class GuardedConnectionTests
{
    private readonly List<IPAddress[]> _asked = [];

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1 is a private address")]
    [InlineData("169.254.169.254", "169.254.169.254 is a link-local address")]
    [InlineData("::ffff:192.168.0.10", "::ffff:192.168.0.10 is a private address")]
    [InlineData("127.0.0.1", "127.0.0.1 is a loopback address")]
    [InlineData("localhost", "localhost resolves to")]
    public async Task A_refused_address_is_never_connected_to(string host, string reason)
    {
        var guard = new GuardedConnection(new WebhookOptions(), Record);

        var refused = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => guard.ConnectAsync(new DnsEndPoint(host, 443), CancellationToken.None).AsTask());

        Assert.StartsWith(reason, refused.Message, StringComparison.Ordinal);
        Assert.Empty(_asked);
    }

    [Fact]
    public async Task A_name_is_resolved_checked_and_connected_to_the_addresses_checked()
    {
        var guard = new GuardedConnection(new WebhookOptions { AllowLoopbackHttp = true }, Record);

        await guard.ConnectAsync(new DnsEndPoint("localhost", 8443), CancellationToken.None);

        var addresses = Assert.Single(_asked);
        Assert.NotEmpty(addresses);
        Assert.All(addresses, address => Assert.True(IPAddress.IsLoopback(address), $"{address} is not loopback"));
    }

    [Fact]
    public async Task A_private_address_is_connected_to_when_the_operator_allows_private_targets()
    {
        var guard = new GuardedConnection(new WebhookOptions { AllowPrivateTargets = true }, Record);

        await guard.ConnectAsync(new DnsEndPoint("10.0.0.1", 443), CancellationToken.None);

        Assert.Equal([IPAddress.Parse("10.0.0.1")], Assert.Single(_asked));
    }

    private ValueTask<Stream> Record(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        _asked.Add(addresses);
        return ValueTask.FromResult<Stream>(new MemoryStream());
    }
}

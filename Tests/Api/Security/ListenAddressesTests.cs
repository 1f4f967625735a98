using StoreMonitor.Api.Security;

namespace StoreMonitor.Tests.Api.Security;

public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://127.0.0.2:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("https://LOCALHOST:5001")]
    public void Loopback_addresses_are_loopback(string address) => Assert.True(ListenAddresses.IsLoopback(address));

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("http://[::]:5000")]
    [InlineData("http://*:5000")]
    [InlineData("http://+:5000")]
    [InlineData("http://192.168.1.20:5000")]
    [InlineData("http://monitor.example.com:5000")]
    [InlineData("http://unix:/run/store-monitor.sock")]
    public void Wildcards_network_addresses_host_names_and_sockets_are_not(string address) => Assert.False(ListenAddresses.IsLoopback(address));

    [Fact]
    public void One_network_address_among_loopback_ones_makes_the_whole_set_reachable() =>
        Assert.False(ListenAddresses.AreAllLoopback(["http://127.0.0.1:5000", "http://0.0.0.0:5001"]));

    [Fact]
    public void No_address_at_all_is_not_taken_for_loopback() => Assert.False(ListenAddresses.AreAllLoopback([]));
}

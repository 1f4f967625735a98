using System.Net;
using StoreMonitor.Grains.Webhooks;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>Which addresses a webhook may reach, range by range, under each setting.</summary>
public sealed class TargetAddressPolicyTests
{
    private static readonly WebhookOptions Default = new();
    private static readonly WebhookOptions Loopback = new() { AllowLoopbackHttp = true };
    private static readonly WebhookOptions Private = new() { AllowPrivateTargets = true };

    public static TheoryData<string, string?, bool, bool> Addresses => new()
    {
        // address, what it is (null: public), allowed with AllowLoopbackHttp, allowed with AllowPrivateTargets
        { "93.184.216.34", null, true, true },
        { "8.8.8.8", null, true, true },
        { "2606:4700::1111", null, true, true },
        { "100.63.255.255", null, true, true },
        { "100.128.0.1", null, true, true },
        { "172.15.255.255", null, true, true },
        { "172.32.0.1", null, true, true },
        { "127.0.0.1", "a loopback address", true, true },
        { "127.255.0.9", "a loopback address", true, true },
        { "::1", "a loopback address", true, true },
        { "::ffff:127.0.0.1", "a loopback address", true, true },
        { "10.0.0.1", "a private address", false, true },
        { "172.16.0.1", "a private address", false, true },
        { "172.31.255.254", "a private address", false, true },
        { "192.168.1.1", "a private address", false, true },
        { "::ffff:10.0.0.1", "a private address", false, true },
        { "::10.0.0.1", "a private address", false, true },
        { "64:ff9b::a00:1", "a private address", false, true },
        { "fec0::1", "a private address", false, true },
        { "100.64.0.1", "a carrier-grade NAT address", false, true },
        { "169.254.169.254", "a link-local address", false, true },
        { "fe80::1", "a link-local address", false, true },
        { "fc00::1", "a unique-local address", false, true },
        { "fd12:3456::1", "a unique-local address", false, true },
        { "0.0.0.0", "the unspecified address", false, false },
        { "::", "the unspecified address", false, false },
        { "224.0.0.1", "a multicast address", false, false },
        { "ff02::1", "a multicast address", false, false },
        { "255.255.255.255", "a reserved address", false, false },
        { "240.0.0.1", "a reserved address", false, false },
        { "198.18.0.1", "a reserved address", false, false },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Each_range_is_refused_unless_its_setting_allows_it(string text, string? kind, bool withLoopback, bool withPrivate)
    {
        var address = IPAddress.Parse(text);

        var refusal = TargetAddressPolicy.Refusal(address, Default);

        if (kind is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.StartsWith(kind + " (", refusal, StringComparison.Ordinal);
        }

        Assert.Equal(withLoopback, TargetAddressPolicy.Refusal(address, Loopback) is null);
        Assert.Equal(withPrivate, TargetAddressPolicy.Refusal(address, Private) is null);
    }
}

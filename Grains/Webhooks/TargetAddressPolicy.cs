using System.Net;
using System.Net.Sockets;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// Which addresses a webhook may be delivered to (OWASP SSRF, the webhook case): public ones; loopback only when
/// <see cref="WebhookOptions.AllowLoopbackHttp"/> or <see cref="WebhookOptions.AllowPrivateTargets"/>; private,
/// link-local and unique-local only with <see cref="WebhookOptions.AllowPrivateTargets"/>; never the unspecified
/// address, multicast, broadcast or reserved ranges, which no receiver has.
/// </summary>
public static class TargetAddressPolicy
{
    /// <summary>Why <paramref name="address"/> is refused (<c>"a private address (…)"</c>), or null when it may be a target.</summary>
    public static string? Refusal(IPAddress address, WebhookOptions options)
    {
        var kind = Classify(address);
        var allowed = kind switch
        {
            AddressKind.Public => true,
            AddressKind.Loopback => options.AllowLoopbackHttp || options.AllowPrivateTargets,
            AddressKind.Private or AddressKind.SharedNat or AddressKind.LinkLocal or AddressKind.UniqueLocal => options.AllowPrivateTargets,
            _ => false,
        };
        if (allowed)
        {
            return null;
        }

        var what = kind switch
        {
            AddressKind.Loopback => "a loopback address",
            AddressKind.Private => "a private address",
            AddressKind.SharedNat => "a carrier-grade NAT address",
            AddressKind.LinkLocal => "a link-local address",
            AddressKind.UniqueLocal => "a unique-local address",
            AddressKind.Unspecified => "the unspecified address",
            AddressKind.Multicast => "a multicast address",
            _ => "a reserved address",
        };
        var rule = kind switch
        {
            AddressKind.Loopback => $"allowed only with {WebhookOptions.SectionName}:AllowLoopbackHttp or AllowPrivateTargets",
            AddressKind.Unspecified or AddressKind.Multicast or AddressKind.Reserved => "never a webhook target",
            _ => $"allowed only with {WebhookOptions.SectionName}:AllowPrivateTargets",
        };
        return $"{what} ({rule})";
    }

    public static bool IsLoopback(IPAddress address) => Classify(address) == AddressKind.Loopback;

    private enum AddressKind
    {
        Public,
        Loopback,
        Private,
        SharedNat,
        LinkLocal,
        UniqueLocal,
        Unspecified,
        Multicast,
        Reserved,
    }

    private static AddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address inside.
            return ClassifyIPv4(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyIPv4(address),
            AddressFamily.InterNetworkV6 => ClassifyIPv6(address),
            _ => AddressKind.Reserved,
        };
    }

    private static AddressKind ClassifyIPv4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return b[0] switch
        {
            0 => AddressKind.Unspecified,                                  // 0.0.0.0/8, "this network"
            10 => AddressKind.Private,                                     // 10.0.0.0/8
            100 when (b[1] & 0xC0) == 64 => AddressKind.SharedNat,         // 100.64.0.0/10
            127 => AddressKind.Loopback,                                   // 127.0.0.0/8
            169 when b[1] == 254 => AddressKind.LinkLocal,                 // 169.254.0.0/16, cloud metadata among it
            172 when (b[1] & 0xF0) == 16 => AddressKind.Private,           // 172.16.0.0/12
            192 when b[1] == 168 => AddressKind.Private,                   // 192.168.0.0/16
            192 when b[1] == 0 && b[2] == 0 => AddressKind.Reserved,       // 192.0.0.0/24, protocol assignments
            198 when (b[1] & 0xFE) == 18 => AddressKind.Reserved,          // 198.18.0.0/15, benchmarking
            >= 224 and < 240 => AddressKind.Multicast,                     // 224.0.0.0/4
            >= 240 => AddressKind.Reserved,                                // 240.0.0.0/4 and the broadcast address
            _ => AddressKind.Public,
        };
    }

    private static AddressKind ClassifyIPv6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressKind.Unspecified;
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressKind.Loopback;
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (b[0] == 0xFF)
        {
            return AddressKind.Multicast;                                  // ff00::/8
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
        {
            return AddressKind.LinkLocal;                                  // fe80::/10
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)
        {
            return AddressKind.Private;                                    // fec0::/10, the old site-local
        }

        if ((b[0] & 0xFE) == 0xFC)
        {
            return AddressKind.UniqueLocal;                                // fc00::/7
        }

        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            // ::a.b.c.d, the deprecated IPv4-compatible form: judge the IPv4 address.
            return ClassifyIPv4(new IPAddress(b[12..]));
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            // 64:ff9b::/96, NAT64: the IPv4 address it translates to.
            return ClassifyIPv4(new IPAddress(b[12..]));
        }

        return AddressKind.Public;
    }
}

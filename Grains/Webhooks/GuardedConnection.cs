using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host (A and AAAA), refuses it
/// when any address it resolves to is not allowed (<see cref="TargetAddressPolicy"/>), and connects only to the
/// addresses it checked. Checking and connecting in one place leaves no gap for DNS rebinding between the two.
/// </summary>
public sealed class GuardedConnection(WebhookOptions options, GuardedConnection.Connect connect)
{
    /// <summary>Opens the connection to addresses already judged allowed.</summary>
    public delegate ValueTask<Stream> Connect(IPAddress[] addresses, int port, CancellationToken cancellationToken);

    public GuardedConnection(WebhookOptions options)
        : this(options, ConnectSocketAsync)
    {
    }

    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context.DnsEndPoint, cancellationToken);

    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, AddressFamily.Unspecified, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new WebhookTargetRefusedException($"{endpoint.Host} resolves to no address");
        }

        foreach (var address in addresses)
        {
            if (TargetAddressPolicy.Refusal(address, options) is { } refusal)
            {
                throw new WebhookTargetRefusedException(literal is null ? $"{endpoint.Host} resolves to {address}, {refusal}" : $"{address} is {refusal}");
            }
        }

        return await connect(addresses, endpoint.Port, cancellationToken);
    }

    private static async ValueTask<Stream> ConnectSocketAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        // Dual mode: one socket reaches IPv4 and IPv6 addresses alike.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

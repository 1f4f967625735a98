using System.Net;
using System.Net.Sockets;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// A loopback port that takes connections and never answers: the kernel completes each connection into the listen
/// backlog and nothing accepts it, so a request sent to it waits for the sender's own timeout. Unlike a closed port,
/// which refuses at once, it shows whether a caller waits on a receiver.
/// </summary>
public sealed class UnansweringEndpoint : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public UnansweringEndpoint()
    {
        _listener.Start(backlog: 512);
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook");
    }

    public Uri Url { get; }

    public void Dispose() => _listener.Dispose();
}

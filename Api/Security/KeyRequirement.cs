using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace StoreMonitor.Api.Security;

/// <summary>
/// Decides once the server is listening whether calls need a key: always with <c>StoreMonitor:Auth:Required=true</c>,
/// and whenever any address the server bound is reachable from the network. Until the addresses are known it
/// answers "required", so nothing is ever open by accident.
/// </summary>
public sealed class KeyRequirement(IServer server, AuthSettings settings)
{
    private bool? _decided;

    public bool IsRequired
    {
        get
        {
            if (_decided is { } decided)
            {
                return decided;
            }

            if (settings.Required)
            {
                return (_decided = true).Value;
            }

            var addresses = Addresses;
            return addresses.Count == 0 || (_decided = !ListenAddresses.AreAllLoopback(addresses)).Value;
        }
    }

    public IReadOnlyCollection<string> Addresses => [.. server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
}

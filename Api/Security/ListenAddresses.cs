using System.Net;

namespace StoreMonitor.Api.Security;

/// <summary>Whether the addresses the server listens on can be reached only from this machine.</summary>
public static class ListenAddresses
{
    /// <summary>
    /// True when every address is loopback (<c>localhost</c>, 127.0.0.0/8, <c>[::1]</c>). A wildcard (<c>0.0.0.0</c>,
    /// <c>[::]</c>, <c>*</c>, <c>+</c>), a host name, a Unix socket (a proxy may forward to it) or no address at
    /// all counts as reachable from the network.
    /// </summary>
    public static bool AreAllLoopback(IReadOnlyCollection<string> addresses) =>
        addresses.Count > 0 && addresses.All(IsLoopback);

    public static bool IsLoopback(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        if (binding.IsUnixPipe || binding.IsNamedPipe)
        {
            return false;
        }

        var host = binding.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}

using System.Net;
using System.Net.Sockets;

/// <summary>A loopback port nobody listens on right now (Garnet needs a number, not 0).</summary>
internal static class FreePort
{
    public static int Pick()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Asphalt.Tests.Shared;

/// <summary>Loopback ports for tests. Compiled into each test project that needs it (linked source).</summary>
internal static class Loopback
{
    /// <summary>A loopback port nobody listens on: bound by the system, then released for the test to use.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.ComponentModel.DataAnnotations;
using System.Net;

namespace EchoServer;

/// <summary>Where the echo server listens, and what it tolerates from a client.</summary>
public sealed class EchoServerOptions
{
    /// <summary>The IP address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every interface).</summary>
    public IPAddress Host { get; set; } = IPAddress.Loopback;

    /// <summary>The port (default 64100); 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 64100;

    /// <summary>
    /// The longest line accepted, in bytes without the line ending (default 4096). A longer line gets
    /// an error line and the connection closed after reading at most this many bytes.
    /// </summary>
    [Range(1, 16_777_216)]
    public int MaxLineLength { get; set; } = 4096;

    /// <summary>Seconds a connection may go without sending anything before it is closed (default 30).</summary>
    [Range(0.01, 86_400)]
    public double IdleTimeout { get; set; } = 30;
}

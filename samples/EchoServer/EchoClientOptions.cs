using System.ComponentModel.DataAnnotations;

namespace EchoServer;

/// <summary>Where the echo client connects and what it sends.</summary>
public sealed class EchoClientOptions
{
    /// <summary>The server's host name or IP address (default 127.0.0.1).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The server's port (default 64100).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 64100;

    /// <summary>The line to send.</summary>
    public string Message { get; set; } = "Hello";
}

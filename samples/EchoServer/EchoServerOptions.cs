namespace EchoServer;

/// <summary>Where the echo server listens and the client connects.</summary>
public sealed class EchoServerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 64100;

    public int MaxLineLength { get; set; } = 4096;

    public double IdleTimeout { get; set; } = 30;
}

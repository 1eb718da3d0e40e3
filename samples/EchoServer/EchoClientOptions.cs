namespace EchoServer;

/// <summary>Where the echo client connects and what it sends.</summary>
public sealed class EchoClientOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 64100;

    public string Message { get; set; } = "Hello";
}

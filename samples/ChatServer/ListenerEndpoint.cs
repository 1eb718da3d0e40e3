using System.Net;

namespace ChatServer;

/// <summary>Where the chat server listens (the real port when port 0 was configured).</summary>
public sealed record ListenerEndpoint(IPEndPoint EndPoint);

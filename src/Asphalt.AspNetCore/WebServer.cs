namespace Asphalt.AspNetCore;

/// <summary>What the web server is doing, for the health probes and for logs.</summary>
public enum WebServerState
{
    /// <summary>Waiting for the tree's prepare steps, mapping endpoints, binding.</summary>
    Starting,

    /// <summary>Accepting connections and serving requests.</summary>
    Accepting,

    /// <summary>Teardown began: no new connections; requests in flight may complete.</summary>
    Draining,

    /// <summary>Stopped.</summary>
    Stopped,
}

/// <summary>The running web server of a <see cref="WebComponent"/>, published once it accepts requests.</summary>
public sealed class WebServer
{
    private volatile WebServerState _state = WebServerState.Starting;

    internal WebServer(string componentPath) => ComponentPath = componentPath;

    /// <summary>The web component's path in the tree (<c>chat/web</c>).</summary>
    public string ComponentPath { get; }

    /// <summary>The addresses it listens on, with the real port (<c>http://127.0.0.1:8080</c>).</summary>
    public IReadOnlyList<Uri> Addresses { get; internal set; } = [];

    /// <summary>What it is doing now.</summary>
    public WebServerState State
    {
        get => _state;
        internal set => _state = value;
    }
}

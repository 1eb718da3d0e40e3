using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Asphalt.AspNetCore;

/// <summary>
/// Runs Kestrel inside the component tree (asphalt-web's web component). In its prepare step it
/// publishes <see cref="WebEndpoints"/>, to which other components add endpoints and middleware in
/// their own prepare steps; its start step waits until every prepare step of the tree has returned,
/// maps what was contributed, starts accepting and publishes <see cref="WebServer"/>. Each request
/// runs in a child <see cref="Context"/>. Teardown stops accepting, lets requests in flight finish
/// for up to <see cref="WebOptions.DrainTimeout"/> seconds, then stops.
/// </summary>
[Component("web")]
public sealed partial class WebComponent(WebOptions options)
{
    /// <summary>Publishes what the other components contribute to.</summary>
    [return: Resource]
    public WebEndpoints PrepareAsync() => new(this.Path ?? "web");

    /// <summary>Builds the server from every contribution, starts accepting, and publishes it.</summary>
    [return: Resource]
    public async Task<WebServer> StartAsync(WebEndpoints endpoints, Context context, CancellationToken cancellationToken)
    {
        await context.AllPrepared.WaitAsync(cancellationToken);
        var server = new WebServer(this.Path ?? "web");
        var contributions = endpoints.Seal();
        // The server's own state joins the tree's readiness, which the probes (and an AddAsphalt host's) report.
        context.Lifetime.AddHealthCheck(server.ComponentPath, _ => WebServerHealth.CheckAsync(server));
        var app = Build(context, contributions);
        context.AddTeardown(() => DrainAsync(app, server, context.LoggerFactory.CreateLogger<WebComponent>()), "stop the web server");

        await app.StartAsync(cancellationToken);
        server.Addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Select(a => new Uri(a)).ToList();
        server.State = WebServerState.Accepting;
        context.LoggerFactory.CreateLogger<WebComponent>()
            .LogInformation("Web server '{Path}' listening on {Addresses}", server.ComponentPath, string.Join(", ", server.Addresses));
        return server;
    }

    private WebApplication Build(Context context, WebContributions contributions)
    {
        // The empty builder reads no configuration files or environment variables and adds no logging
        // providers: the component's options are the whole configuration, and the application's
        // logging (redacted by the runner) is the server's.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Host, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
            kestrel.Limits.MaxConcurrentConnections = options.MaxConcurrentConnections;
        });
        builder.Services.AddSingleton<IHostLifetime, ComponentHostLifetime>();
        builder.Logging.AddProvider(new ContextLoggerProvider(context.LoggerFactory));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(options.DrainTimeout));
        if (options.RequestTimeout > 0)
        {
            builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy { Timeout = TimeSpan.FromSeconds(options.RequestTimeout) });
        }

        // The probes answer for the whole tree, with the checks AddAsphalt registers in a host (one mapping).
        builder.Services.AddHealthChecks().AddAsphaltChecks(context.Lifetime);
        foreach (var configure in contributions.Services)
        {
            configure(builder.Services);
        }

        var app = builder.Build();
        app.UseMiddleware<RequestContextMiddleware>(context);
        app.UseRouting();
        if (options.RequestTimeout > 0)
        {
            app.UseRequestTimeouts();
        }

        foreach (var configure in contributions.Middleware)
        {
            configure(app);
        }

        app.MapAsphaltProbes(options.HealthPath, options.ReadyPath);
        foreach (var map in contributions.Endpoints)
        {
            map(app);
        }

        return app;
    }

    // Kestrel's stop closes the listening socket first (new connections are refused), then waits for
    // the requests in flight until the token fires, then aborts what is left.
    private async ValueTask DrainAsync(WebApplication app, WebServer server, ILogger logger)
    {
        server.State = WebServerState.Draining;
        logger.LogInformation("Web server '{Path}' draining: requests in flight get up to {Seconds} s", server.ComponentPath, options.DrainTimeout);
        try
        {
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(options.DrainTimeout));
            await app.StopAsync(drain.Token);
        }
        finally
        {
            server.State = WebServerState.Stopped;
            await app.DisposeAsync();
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Asphalt.Hosting;

/// <summary>
/// Runs the tree with the application runner (<see cref="Application.RunAsync"/>), so start-up, teardown,
/// timeouts, exit codes and log lines are the runner's own; the host's start waits for the tree to start
/// and its stop for teardown.
/// </summary>
internal sealed class AsphaltHostedService(
    Func<IServiceProvider, Component> createRoot,
    Action<ApplicationOptions>? configure,
    bool resourcesRegistered,
    ApplicationLifetime lifetime,
    IServiceProvider services,
    IHostApplicationLifetime host,
    ILoggerFactory loggerFactory) : IHostedService
{
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _run;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new ApplicationOptions();
        configure?.Invoke(options);
        options.LoggerFactory = loggerFactory;
        options.HandleStopSignals = false; // The host handles SIGTERM and calls StopAsync.
        options.Lifetime = lifetime;
        options.Services = services;
        var root = createRoot(services);
        if (!resourcesRegistered && root is IResourceCatalog)
        {
            // Typed as Component, a generated root's catalog was out of reach when the services were registered.
            loggerFactory.CreateLogger("Asphalt.Hosting").LogWarning(
                "AddAsphalt was given the root {Root} as a plain Component, so none of the resources its tree declares are keyed services; pass it typed (AddAsphalt(_ => {Root}.Create())) or register each with AddResource<T>(name)",
                root.GetType().Name,
                root.GetType().Name);
        }

        _run = Task.Run(() => Application.RunAsync(root, options, _stop.Token), CancellationToken.None);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.Started.Register(() => started.TrySetResult()))
        await using (cancellationToken.Register(() => _stop.Cancel()))
        {
            await Task.WhenAny(started.Task, _run).ConfigureAwait(false);
        }

        if (!lifetime.Started.IsCancellationRequested)
        {
            var exitCode = await _run.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new AsphaltStartException(lifetime.StartFailure ?? $"Start-up of the Asphalt tree ended with exit code {exitCode}", exitCode);
        }

        _ = StopHostWhenTreeEndsAsync(_run);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_run is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);

        // The runner bounds teardown with its stop timeout; the host's shutdown timeout bounds this wait.
        ReportExitCode(await _run.WaitAsync(cancellationToken).ConfigureAwait(false));
    }

    // A run-to-exit root that returned, a component's stop request or a crashed service task: the tree
    // has torn down already, and the host follows with the tree's exit code.
    private async Task StopHostWhenTreeEndsAsync(Task<int> run)
    {
        var exitCode = await run.ConfigureAwait(false);
        if (!_stop.IsCancellationRequested)
        {
            ReportExitCode(exitCode);
            host.StopApplication();
        }
    }

    // Only a failure or a chosen code is reported: a clean tree leaves the host's own exit code alone.
    private static void ReportExitCode(int exitCode)
    {
        if (exitCode != Application.ExitSuccess)
        {
            Environment.ExitCode = exitCode;
        }
    }
}

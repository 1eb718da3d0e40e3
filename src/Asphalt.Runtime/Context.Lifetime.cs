using Microsoft.Extensions.Logging;

namespace Asphalt;

// The application's lifetime and the host's services, both held by the root context.
public sealed partial class Context
{
    private ApplicationLifetime? _lifetime;
    private IServiceProvider? _services;

    // A root context made by hand (new Context()) has no runner to drive its lifetime, so its own
    // start and close do: Running once StartComponentAsync returns, Stopping when the close begins.
    private readonly bool _drivesOwnLifetime;

    /// <summary>
    /// The application's lifetime (shared by every context of the tree): stop the application with an
    /// exit code, watch the started / stopping / stopped tokens, add a health check.
    /// </summary>
    public ApplicationLifetime Lifetime
    {
        get
        {
            var root = Root;
            if (root._lifetime is null)
            {
                Interlocked.CompareExchange(ref root._lifetime, new ApplicationLifetime { Context = root }, null);
            }

            return root._lifetime;
        }
    }

    /// <summary>
    /// The services of the host the tree runs in (<c>AddAsphalt</c> sets the host's <see cref="IServiceProvider"/>),
    /// from which <see cref="FromServicesAttribute"/> parameters are resolved; null when there is none.
    /// Shared by every context of the tree: set it on the root, before start-up.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a child context.</exception>
    public IServiceProvider? Services
    {
        get => Root._services;
        set
        {
            if (Parent is not null)
            {
                throw new InvalidOperationException("Set Services on the root context: every context of the tree shares the root's.");
            }

            _services = value;
        }
    }

    // After a successful start-up of this hand-made root: the tree runs, readiness may pass.
    private async Task MarkStartedAfterAsync(Task start)
    {
        await start.ConfigureAwait(false);
        Application.Notify(Lifetime.NotifyStarted, nameof(ApplicationLifetime.Started), _logger);
    }

    // Before the first teardown step of this hand-made root: readiness fails from here on.
    private void MarkStopping() =>
        Application.Notify(Lifetime.NotifyStopping, nameof(ApplicationLifetime.Stopping), _logger);

    // Once the close finished; the exit code says whether the context ended in failure, as the runner's does.
    private async Task MarkStoppedAfterAsync(Task close, Exception? exception)
    {
        var exitCode = exception is null ? Application.ExitSuccess : Application.ExitFailure;
        try
        {
            await close.ConfigureAwait(false);
        }
        catch (Exception)
        {
            exitCode = Application.ExitFailure;
            throw;
        }
        finally
        {
            Application.Notify(() => Lifetime.NotifyStopped(exitCode), nameof(ApplicationLifetime.Stopped), _logger);
        }
    }

    /// <summary>The runner's root context, bound to the lifetime it reports to.</summary>
    internal static Context CreateForRunner(ILoggerFactory loggerFactory, ApplicationLifetime lifetime, IServiceProvider? services)
    {
        var context = CreateForRunner(loggerFactory);
        context._lifetime = lifetime;
        context._services = services;
        lifetime.Context = context;
        return context;
    }
}

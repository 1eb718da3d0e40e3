using Asphalt;

namespace HostedApp;

/// <summary>Fails its start.</summary>
public sealed class FailingComponent : Component
{
    public FailingComponent() => AddComponent("db", new FailingChild());
}

/// <summary>The child of <see cref="FailingComponent"/> that fails.</summary>
public sealed class FailingChild : Component
{
    public override ValueTask StartAsync(Context context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the database is unreachable");
}

/// <summary>Runs to exit with a code.</summary>
public sealed class ExitingComponent(int exitCode) : CliApplicationComponent
{
    public override Task<int?> RunAsync(Context context, CancellationToken cancellationToken)
    {
        context.AddTeardown(() => Console.WriteLine("tree torn down"));
        return Task.FromResult<int?>(exitCode);
    }
}

/// <summary>Starts a service task that crashes once the application runs.</summary>
public sealed class CrashingComponent : Component
{
    public override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
    {
        context.AddTeardown(() => Console.WriteLine("tree torn down"));
        var lifetime = context.Lifetime;
        context.StartServiceTask("poller", async ct =>
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.Started.Register(() => started.TrySetResult()))
            {
                await started.Task;
            }

            throw new InvalidOperationException("the poller lost its connection");
        });
        return ValueTask.CompletedTask;
    }
}

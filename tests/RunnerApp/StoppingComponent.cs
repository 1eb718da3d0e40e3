using Asphalt;

namespace RunnerApp;

/// <summary>Asks the application to stop with an exit code once it runs, from a service task.</summary>
public sealed class StoppingComponent(int exitCode) : Component
{
    public override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
    {
        context.StartServiceTask("stopper", async _ =>
        {
            await Task.Yield();
            context.Lifetime.StopApplication(exitCode);
        });
        return ValueTask.CompletedTask;
    }
}

using Asphalt.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Asphalt.Runtime.Tests;

/// <summary>
/// Every line a component logs, from its steps, its service tasks, its factory tasks and its signal
/// listeners, carries the component path as the scope property <c>Component</c>.
/// </summary>
public sealed class LogScopeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Lines_from_steps_service_tasks_factory_tasks_and_listeners_carry_their_component_path()
    {
        var logs = new ScopeCapturingLoggerProvider();
        var signal = new Signal<string>("greetings");
        var taskLogged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var factoryTaskLogged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var root = new LambdaComponent(start: (context, _) =>
        {
            context.LoggerFactory.CreateLogger("Test").LogInformation("root step");
            return ValueTask.CompletedTask;
        })
        .With("web", new LambdaComponent(
            prepare: (context, _) =>
            {
                context.LoggerFactory.CreateLogger("Test").LogInformation("web prepare step");
                return ValueTask.CompletedTask;
            },
            start: (context, _) =>
            {
                var logger = context.LoggerFactory.CreateLogger("Test");
                signal.Connect(greeting => logger.LogInformation("listener got {Greeting}", greeting));
                context.StartServiceTask("poller", token =>
                {
                    logger.LogInformation("service task line");
                    taskLogged.SetResult();
                    return Task.Delay(Timeout.Infinite, token);
                });
                context.CreateTaskFactory("requests").StartTask("request 1", _ =>
                {
                    logger.LogInformation("factory task line");
                    factoryTaskLogged.SetResult();
                    return Task.CompletedTask;
                });
                return ValueTask.CompletedTask;
            }));
        await using var context = new Context(logs.CreateFactory());
        await context.StartComponentAsync(root, Generous);
        await Task.WhenAll(taskLogged.Task, factoryTaskLogged.Task).WaitAsync(Generous);
        await signal.DispatchAsync("hello"); // From the test, outside any component.

        Assert.Equal(["app"], logs.ScopeValues("root step", "Component"));
        Assert.Equal(["app/web"], logs.ScopeValues("web prepare step", "Component"));
        Assert.Equal(["app/web"], logs.ScopeValues("service task line", "Component"));
        Assert.Equal(["app/web"], logs.ScopeValues("factory task line", "Component"));
        Assert.Equal(["app/web"], logs.ScopeValues("listener got hello", "Component"));
    }
}

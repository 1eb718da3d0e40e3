using Asphalt.Runtime.Tests.Support;

namespace Asphalt.Runtime.Tests;

public sealed class ComponentTests
{
    [Fact]
    public async Task Each_component_prepares_then_starts_its_children_then_starts()
    {
        var log = new EventLog();
        LambdaComponent Tracked(string name) => new(
            prepare: (_, _) => Record($"prepare {name}"),
            start: (_, _) => Record($"start {name}"));
        ValueTask Record(string entry)
        {
            log.Add(entry);
            return ValueTask.CompletedTask;
        }

        var root = Tracked("app").With("web", Tracked("web").With("db", Tracked("db")));
        await using var context = new Context();
        await context.StartComponentAsync(root);

        Assert.Equal(["prepare app", "prepare web", "prepare db", "start db", "start web", "start app"], log.Events);
        Assert.Equal("app/web/db", root.Children[0].Component.Children[0].Component.Path);
    }

    [Fact]
    public async Task Children_start_concurrently_so_siblings_can_wait_for_each_other()
    {
        // Each child needs what the other publishes after it got its own: sequential start would deadlock.
        var root = new LambdaComponent()
            .With("a", new LambdaComponent(start: async (ctx, ct) =>
            {
                ctx.AddResource("from a", "a");
                await ctx.GetResourceAsync<string>("b", ct);
            }))
            .With("b", new LambdaComponent(start: async (ctx, ct) =>
            {
                await ctx.GetResourceAsync<string>("a", ct);
                ctx.AddResource("from b", "b");
            }));
        await using var context = new Context();

        await context.StartComponentAsync(root, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Parent_prepare_can_provide_resources_to_children_and_start_can_take_theirs()
    {
        string? seenByChild = null;
        string? seenByParent = null;
        var root = new LambdaComponent(
                prepare: (ctx, _) =>
                {
                    ctx.AddResource("config from parent", "config");
                    return ValueTask.CompletedTask;
                },
                start: (ctx, _) =>
                {
                    seenByParent = ctx.GetResource<string>("child");
                    return ValueTask.CompletedTask;
                })
            .With("child", new LambdaComponent(start: (ctx, _) =>
            {
                seenByChild = ctx.GetResource<string>("config");
                ctx.AddResource("published by child", "child");
                return ValueTask.CompletedTask;
            }));
        await using var context = new Context();

        await context.StartComponentAsync(root);

        Assert.Equal("config from parent", seenByChild);
        Assert.Equal("published by child", seenByParent);
    }

    [Fact]
    public async Task Start_failure_names_phase_path_and_type_and_cancels_siblings()
    {
        var siblingCancelled = new TaskCompletionSource<bool>();
        var root = new LambdaComponent()
            .With("slow", new LambdaComponent(start: async (_, ct) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    siblingCancelled.SetResult(true);
                    throw;
                }
            }))
            .With("broken", new LambdaComponent(prepare: async (_, _) =>
            {
                await Task.Yield();
                throw new FormatException("bad port");
            }));
        await using var context = new Context();

        var error = await Assert.ThrowsAsync<ComponentStartException>(() => context.StartComponentAsync(root));

        Assert.Equal(ComponentPhase.Preparing, error.Phase);
        Assert.Equal("app/broken", error.Path);
        Assert.Equal(typeof(LambdaComponent).FullName, error.ComponentType);
        Assert.IsType<FormatException>(error.InnerException);
        Assert.Equal(
            "Component 'app/broken' (Asphalt.Runtime.Tests.Support.LambdaComponent) failed while preparing: FormatException: bad port",
            error.Message);
        Assert.True(await siblingCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Start_timeout_reports_every_pending_component_with_phase_and_awaited_resource()
    {
        var root = new LambdaComponent()
            .With("web", new LambdaComponent(start: async (ctx, ct) => await ctx.GetResourceAsync<IGreeter>("db", ct)))
            .With("cache", new LambdaComponent(prepare: async (_, ct) => await Task.Delay(Timeout.Infinite, ct)))
            .With("ready", new LambdaComponent());
        await using var context = new Context();

        var error = await Assert.ThrowsAsync<ComponentStartTimeoutException>(
            () => context.StartComponentAsync(root, TimeSpan.FromMilliseconds(200)));

        Assert.Equal(
            [
                new PendingComponent("app", typeof(LambdaComponent).FullName!, ComponentPhase.StartingChildren, null, 0),
                new PendingComponent("app/web", typeof(LambdaComponent).FullName!, ComponentPhase.Starting, ResourceKey.For<IGreeter>("db"), 1),
                new PendingComponent("app/cache", typeof(LambdaComponent).FullName!, ComponentPhase.Preparing, null, 1),
            ],
            error.PendingComponents);
        Assert.Equal(
            """
            Timed out after 0.2 s waiting for the component tree to start. Components still starting:
              app (Asphalt.Runtime.Tests.Support.LambdaComponent): starting children
                app/web (Asphalt.Runtime.Tests.Support.LambdaComponent): starting, waiting for resource Asphalt.Runtime.Tests.Support.IGreeter 'db'
                app/cache (Asphalt.Runtime.Tests.Support.LambdaComponent): preparing
            Make sure a component publishes every resource waited for, or raise the start timeout.
            """.ReplaceLineEndings(),
            error.Message.ReplaceLineEndings());
    }

    [Fact]
    public async Task Start_timeout_names_the_wait_still_pending_when_a_step_awaits_several()
    {
        var root = new LambdaComponent().With("web", new LambdaComponent(start: async (ctx, ct) =>
        {
            var first = ctx.GetResourceAsync<IGreeter>("cache", ct).AsTask();
            var second = ctx.GetResourceAsync<IGreeter>("db", ct).AsTask();
            await Task.WhenAll(first, second);
        }));
        await using var context = new Context();
        var starting = context.StartComponentAsync(root, TimeSpan.FromMilliseconds(300));
        await Task.Delay(50);
        context.AddResource<IGreeter>(new Greeter(), "cache"); // The later-started wait is still pending.

        var error = await Assert.ThrowsAsync<ComponentStartTimeoutException>(() => starting);

        Assert.Equal(ResourceKey.For<IGreeter>("db"), error.PendingComponents.Single(p => p.Path == "app/web").WaitingFor);
    }

    [Fact]
    public async Task Start_timeout_names_the_steps_wait_not_one_of_a_service_task_the_component_started()
    {
        var serviceTaskWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var root = new LambdaComponent().With("web", new LambdaComponent(start: async (ctx, ct) =>
        {
            var step = ctx.GetResourceAsync<IGreeter>("db", ct).AsTask();
            ctx.StartServiceTask("poller", async token =>
            {
                var waiting = ctx.GetResourceAsync<IGreeter>("feed", token).AsTask();
                serviceTaskWaiting.SetResult(); // Its wait began after the step's: the most recent one.
                await waiting;
            });
            await step;
        }));
        await using var context = new Context();

        var starting = context.StartComponentAsync(root, TimeSpan.FromMilliseconds(300));
        await serviceTaskWaiting.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<ComponentStartTimeoutException>(() => starting);

        Assert.Equal(ResourceKey.For<IGreeter>("db"), error.PendingComponents.Single(p => p.Path == "app/web").WaitingFor);
    }

    [Fact]
    public async Task A_component_that_ignores_the_timeout_and_fails_later_is_logged_not_lost()
    {
        var logs = new CapturingLoggerProvider();
        var root = new LambdaComponent().With("stubborn", new LambdaComponent(start: async (_, _) =>
        {
            await Task.Delay(1500); // Ignores the token, outlives the timeout.
            throw new InvalidOperationException("published into a closed context");
        }));
        await using var context = new Context(logs.CreateFactory());

        await Assert.ThrowsAsync<ComponentStartTimeoutException>(() => context.StartComponentAsync(root, TimeSpan.FromMilliseconds(100)));

        for (var i = 0; i < 100 && !logs.Records.Any(r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning); i++)
        {
            await Task.Delay(50);
        }

        var warning = Assert.Single(logs.Records, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.StartsWith("A component whose start-up was abandoned (start timeout or stop request) failed afterwards", warning.Message, StringComparison.Ordinal);
        var failure = Assert.IsType<ComponentStartException>(warning.Exception);
        Assert.Equal("app/stubborn", failure.Path);
        Assert.Equal("published into a closed context", failure.InnerException?.Message);
    }

    [Fact]
    public void Child_aliases_are_validated()
    {
        var parent = new LambdaComponent();
        parent.AddComponent("db", new LambdaComponent());

        Assert.Contains("already a child component named 'db'",
            Assert.Throws<ArgumentException>(() => parent.AddComponent("db", new LambdaComponent())).Message);
        Assert.Contains("not a valid name",
            Assert.Throws<ArgumentException>(() => parent.AddComponent("a/b", new LambdaComponent())).Message);
    }

    [Fact]
    public async Task Children_cannot_be_added_once_start_up_began()
    {
        var root = new LambdaComponent();
        await using var context = new Context();
        await context.StartComponentAsync(root);

        var error = Assert.Throws<InvalidOperationException>(() => root.AddComponent("late", new LambdaComponent()));
        Assert.Contains("children must be added before start-up begins", error.Message);
    }

    [Fact]
    public async Task The_same_instance_twice_in_the_tree_is_rejected()
    {
        var shared = new LambdaComponent();
        var root = new LambdaComponent().With("one", shared).With("two", shared);
        await using var context = new Context();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.StartComponentAsync(root));
        Assert.Contains("appears twice in the component tree (again at 'app/two')", error.Message);
    }

    [Fact]
    public async Task Components_run_with_the_context_current_and_teardown_owned_by_them()
    {
        Context? current = null;
        var root = new LambdaComponent(start: (_, _) =>
        {
            current = Context.Current;
            return ValueTask.CompletedTask;
        });
        await using var context = new Context();

        await context.StartComponentAsync(root);

        Assert.Same(context, current);
    }

    private static readonly AsyncLocal<string?> StepLocal = new();

    [Fact]
    public async Task Async_local_values_set_by_a_synchronous_step_stay_in_that_step()
    {
        string? seenByStart = "unset";
        string? seenByChild = "unset";
        var child = new LambdaComponent(start: (_, _) =>
        {
            seenByChild = StepLocal.Value;
            return ValueTask.CompletedTask;
        });
        var root = new LambdaComponent(
            prepare: (_, _) =>
            {
                StepLocal.Value = "set in prepare";
                return ValueTask.CompletedTask;
            },
            start: (_, _) =>
            {
                seenByStart = StepLocal.Value;
                return ValueTask.CompletedTask;
            }).With("child", child);

        await new Context().StartComponentAsync(root);

        Assert.Null(seenByChild);
        Assert.Null(seenByStart);
    }
}

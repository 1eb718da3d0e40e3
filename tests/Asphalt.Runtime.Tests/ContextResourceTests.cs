using Asphalt.Runtime.Tests.Support;

namespace Asphalt.Runtime.Tests;

public sealed class ContextResourceTests
{
    [Fact]
    public void Published_resource_is_returned_by_type_and_name()
    {
        var context = new Context();
        var greeter = new Greeter();
        context.AddResource<IGreeter>(greeter);
        context.AddResource<IGreeter>(new Greeter("Hi"), "informal");

        Assert.Same(greeter, context.GetResource<IGreeter>());
        Assert.Equal("Hi, Ann", context.GetResource<IGreeter>("informal").Greet("Ann"));
    }

    [Fact]
    public void One_value_can_be_published_under_a_class_and_its_interface()
    {
        var context = new Context();
        var greeter = new Greeter();
        context.AddResource<Greeter, IGreeter>(greeter, "both");

        Assert.Same(greeter, context.GetResource<Greeter>("both"));
        Assert.Same(greeter, context.GetResource<IGreeter>("both"));
    }

    [Fact]
    public void Value_types_are_resources_too()
    {
        var context = new Context();
        context.AddResource(42, "answer");

        Assert.Equal(42, context.GetResource<int>("answer"));
    }

    [Fact]
    public void Null_is_rejected_naming_the_resource()
    {
        var context = new Context();
        var error = Assert.Throws<ArgumentNullException>(() => context.AddResource<IGreeter>(null!, "missing"));

        Assert.Contains("Asphalt.Runtime.Tests.Support.IGreeter 'missing'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("dotted.name")]
    public void Names_must_be_identifiers(string name)
    {
        var context = new Context();
        var error = Assert.Throws<ArgumentException>(() => context.AddResource(new Greeter(), name));

        Assert.Contains("not a valid name", error.Message);
    }

    [Fact]
    public async Task Conflict_names_type_name_and_both_publishers()
    {
        var context = new Context();
        // Children start in order up to their first await, so 'first' publishes before 'second'.
        var root = new LambdaComponent()
            .With("first", new LambdaComponent(start: (ctx, _) => Publish(ctx)))
            .With("second", new LambdaComponent(start: (ctx, _) => Publish(ctx)));

        var error = await Assert.ThrowsAsync<ComponentStartException>(() => context.StartComponentAsync(root));
        var conflict = Assert.IsType<ResourceConflictException>(error.InnerException);

        Assert.Equal(ResourceKey.For<IGreeter>("shared"), conflict.Key);
        Assert.Equal("component 'app/first'", conflict.ExistingPublisher);
        Assert.Equal("component 'app/second'", conflict.NewPublisher);
        Assert.Contains("Asphalt.Runtime.Tests.Support.IGreeter named 'shared' is already published by component 'app/first'", conflict.Message);
        Assert.Contains("component 'app/second' tried to publish another one", conflict.Message);

        static ValueTask Publish(Context context)
        {
            context.AddResource<IGreeter>(new Greeter(), "shared");
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public void Conflict_is_checked_for_every_type_before_anything_is_published()
    {
        var context = new Context();
        context.AddResource<IGreeter>(new Greeter(), "x");

        Assert.Throws<ResourceConflictException>(() => context.AddResource<Greeter, IGreeter>(new Greeter(), "x"));
        Assert.False(context.TryGetResource<Greeter>("x", out _));
    }

    [Fact]
    public void Not_found_lists_the_names_the_type_is_available_under()
    {
        var context = new Context();
        context.AddResource<IGreeter>(new Greeter(), "formal");
        context.AddResource<IGreeter>(new Greeter(), "informal");

        var error = Assert.Throws<ResourceNotFoundException>(() => context.GetResource<IGreeter>("casual"));

        Assert.Equal(typeof(IGreeter), error.ResourceType);
        Assert.Equal("casual", error.ResourceName);
        Assert.Equal(["formal", "informal"], error.AvailableNames);
        Assert.Equal(
            "No resource of type Asphalt.Runtime.Tests.Support.IGreeter named 'casual' was found. "
            + "Asphalt.Runtime.Tests.Support.IGreeter is available under: 'formal', 'informal'.",
            error.Message);
    }

    [Fact]
    public void Not_found_for_an_unknown_type_says_so()
    {
        var error = Assert.Throws<ResourceNotFoundException>(() => new Context().GetResource<List<string>>());

        Assert.Contains("No resource of type System.Collections.Generic.List<System.String> named 'default'", error.Message);
        Assert.Contains("is not published under any name", error.Message);
    }

    [Fact]
    public void Try_get_returns_false_without_throwing()
    {
        var context = new Context();

        Assert.False(context.TryGetResource<IGreeter>(out _));
        context.AddResource<IGreeter>(new Greeter());
        Assert.True(context.TryGetResource<IGreeter>(out var greeter));
        Assert.NotNull(greeter);
    }

    [Fact]
    public async Task Lookups_by_run_time_type_find_what_the_generic_ones_find()
    {
        var parent = new Context();
        var context = new Context(parent);
        var greeter = new Greeter();
        parent.AddResource<IGreeter>(greeter, "main");
        context.AddResourceFactory(_ => 42, "answer");

        Assert.True(context.TryGetResource(typeof(IGreeter), "main", out var found));
        Assert.Same(greeter, found);
        Assert.True(context.TryGetResource(typeof(int), "answer", out var created));
        Assert.Equal(42, created);
        Assert.False(context.TryGetResource(typeof(IGreeter), "other", out var missing));
        Assert.Null(missing);

        var waiting = context.GetResourceAsync(typeof(IGreeter), "late").AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        var late = new Greeter("late");
        context.AddResource<IGreeter>(late, "late");
        Assert.Same(late, await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Child_sees_resources_the_parent_publishes_after_the_child_was_created()
    {
        var parent = new Context();
        var child = new Context(parent);
        var greeter = new Greeter();
        parent.AddResource<IGreeter>(greeter);

        Assert.Same(greeter, child.GetResource<IGreeter>());
    }

    [Fact]
    public void Child_can_shadow_a_parent_resource_without_affecting_the_parent()
    {
        var parent = new Context();
        var child = new Context(parent);
        var outer = new Greeter("outer");
        var inner = new Greeter("inner");
        parent.AddResource<IGreeter>(outer);
        child.AddResource<IGreeter>(inner);

        Assert.Same(inner, child.GetResource<IGreeter>());
        Assert.Same(outer, parent.GetResource<IGreeter>());
    }

    [Fact]
    public async Task Wait_completes_when_the_resource_is_published()
    {
        var context = new Context();
        var waiting = context.GetResourceAsync<IGreeter>("late").AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        var greeter = new Greeter();
        context.AddResource<IGreeter>(greeter, "late");

        Assert.Same(greeter, await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Wait_in_a_child_completes_when_the_parent_publishes()
    {
        var parent = new Context();
        var child = new Context(parent);
        var waiting = child.GetResourceAsync<IGreeter>().AsTask();

        parent.AddResource<IGreeter>(new Greeter());

        Assert.NotNull(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Wait_times_out_with_a_message_naming_the_resource()
    {
        var context = new Context();

        var error = await Assert.ThrowsAsync<ResourceWaitTimeoutException>(
            () => context.GetResourceAsync<IGreeter>("never", TimeSpan.FromMilliseconds(100)).AsTask());

        Assert.Equal(ResourceKey.For<IGreeter>("never"), error.Key);
        Assert.Contains("waiting for resource Asphalt.Runtime.Tests.Support.IGreeter 'never'", error.Message);
    }

    [Fact]
    public async Task Wait_can_be_cancelled()
    {
        var context = new Context();
        using var cancel = new CancellationTokenSource(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => context.GetResourceAsync<IGreeter>("never", cancel.Token).AsTask());
    }

    [Fact]
    public async Task Sync_factory_runs_once_per_context_under_concurrent_first_requests()
    {
        var context = new Context();
        var runs = 0;
        context.AddResourceFactory<IGreeter>(_ =>
        {
            Interlocked.Increment(ref runs);
            Thread.Sleep(20);
            return new Greeter();
        });

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => context.GetResource<IGreeter>())));

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task A_slow_sync_factory_does_not_block_other_publications()
    {
        var context = new Context();
        using var factoryEntered = new ManualResetEventSlim();
        using var releaseFactory = new ManualResetEventSlim();
        context.AddResourceFactory<IGreeter>(_ =>
        {
            factoryEntered.Set();
            releaseFactory.Wait(TimeSpan.FromSeconds(10));
            return new Greeter();
        });
        var creating = Task.Run(() => context.GetResource<IGreeter>());
        Assert.True(factoryEntered.Wait(TimeSpan.FromSeconds(5)));

        // Times out if the factory runs under the context's lock (it is held until released below).
        var publish = Task.Run(() => context.AddResource("unrelated", "other"));
        await publish.WaitAsync(TimeSpan.FromSeconds(5));
        releaseFactory.Set();

        Assert.NotNull(await creating.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("unrelated", context.GetResource<string>("other"));
    }

    [Fact]
    public async Task Async_factory_runs_once_under_concurrent_first_requests()
    {
        var context = new Context();
        var runs = 0;
        var release = new TaskCompletionSource();
        context.AddResourceFactory<IGreeter>(async (_, _) =>
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return new Greeter();
        });

        var requests = Enumerable.Range(0, 16).Select(_ => context.GetResourceAsync<IGreeter>().AsTask()).ToArray();
        await Task.Delay(50);
        release.SetResult();
        var results = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task Factory_value_is_made_per_requesting_context_and_disposed_with_it()
    {
        var log = new EventLog();
        var parent = new Context();
        var made = 0;
        parent.AddResourceFactory(_ => new TrackedDisposable(log, $"value{Interlocked.Increment(ref made)}"));
        var child = new Context(parent);

        var fromParent = parent.GetResource<TrackedDisposable>();
        var fromChild = child.GetResource<TrackedDisposable>();
        Assert.NotSame(fromParent, fromChild);
        Assert.Same(fromChild, child.GetResource<TrackedDisposable>());

        await child.CloseAsync();
        Assert.Equal(["dispose value2"], log.Events);
        await parent.CloseAsync();
        Assert.Equal(["dispose value2", "dispose value1"], log.Events);
    }

    [Fact]
    public void Async_factory_through_a_sync_getter_explains_what_to_do()
    {
        var context = new Context();
        context.AddResourceFactory<IGreeter>((_, _) => ValueTask.FromResult<IGreeter>(new Greeter()));

        var error = Assert.Throws<InvalidOperationException>(() => context.GetResource<IGreeter>());
        Assert.Contains("async factory; get it with GetResourceAsync", error.Message);
    }

    [Fact]
    public void Get_by_type_object_returns_the_resource_and_throws_what_the_generic_get_throws()
    {
        var context = new Context();
        var greeter = new Greeter();
        context.AddResource<IGreeter>(greeter, "formal");
        context.AddResourceFactory<Greeter>((_, _) => ValueTask.FromResult(new Greeter()));

        Assert.Same(greeter, context.GetResource(typeof(IGreeter), "formal"));
        var notFound = Assert.Throws<ResourceNotFoundException>(() => context.GetResource(typeof(IGreeter), "casual"));
        Assert.Equal(Assert.Throws<ResourceNotFoundException>(() => context.GetResource<IGreeter>("casual")).Message, notFound.Message);
        var asyncOnly = Assert.Throws<InvalidOperationException>(() => context.GetResource(typeof(Greeter)));
        Assert.Equal(Assert.Throws<InvalidOperationException>(() => context.GetResource<Greeter>()).Message, asyncOnly.Message);
        Assert.Contains("async factory; get it with GetResourceAsync", asyncOnly.Message);
    }

    [Fact]
    public async Task Try_get_does_not_throw_for_an_async_factory_and_finds_its_value_once_created()
    {
        var context = new Context();
        context.AddResourceFactory<IGreeter>((_, _) => ValueTask.FromResult<IGreeter>(new Greeter()));

        Assert.False(context.TryGetResource<IGreeter>(out _));
        var created = await context.GetResourceAsync<IGreeter>();
        Assert.True(context.TryGetResource<IGreeter>(out var again));
        Assert.Same(created, again);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Step_retry_waits_for_the_resource_then_runs_the_step_again(bool byRunTimeType)
    {
        var context = new Context();
        var component = new RetryingComponent(byRunTimeType);

        var step = component.StartAsync(context, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(step.IsCompleted);
        context.AddResource<IGreeter>(new Greeter(), "late");

        await step.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, component.Runs);
        Assert.True(component.Finished);
    }

    private sealed class RetryingComponent(bool byRunTimeType) : Component
    {
        public int Runs { get; private set; }

        public bool Finished { get; private set; }

        public override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
        {
            Runs++;
            if (byRunTimeType && !context.TryGetResource(typeof(IGreeter), "late", out _))
            {
                return StepRetry.AfterResourceAsync(this, context, typeof(IGreeter), "late", ComponentPhase.Starting, cancellationToken);
            }

            if (!byRunTimeType && !context.TryGetResource<IGreeter>("late", out _))
            {
                return StepRetry.AfterResourceAsync<IGreeter>(this, context, "late", ComponentPhase.Starting, cancellationToken);
            }

            Finished = true;
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Wait_with_a_timeout_bounds_a_slow_async_factory_too()
    {
        var context = new Context();
        context.AddResourceFactory<IGreeter>(async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30));
            return new Greeter();
        });

        await Assert.ThrowsAsync<ResourceWaitTimeoutException>(
            () => context.GetResourceAsync<IGreeter>("default", TimeSpan.FromMilliseconds(100)).AsTask());
    }

    [Fact]
    public async Task Failed_factory_is_retried_on_the_next_request()
    {
        var context = new Context();
        var attempts = 0;
        context.AddResourceFactory<IGreeter>((_, _) =>
            ++attempts == 1 ? throw new InvalidOperationException("flaky") : ValueTask.FromResult<IGreeter>(new Greeter()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => context.GetResourceAsync<IGreeter>().AsTask());
        Assert.NotNull(await context.GetResourceAsync<IGreeter>());
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Waiting_is_woken_by_a_factory_registration()
    {
        var context = new Context();
        var waiting = context.GetResourceAsync<IGreeter>().AsTask();

        context.AddResourceFactory<IGreeter>(_ => new Greeter());

        Assert.NotNull(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Resource_added_signal_reports_each_publication()
    {
        var context = new Context();
        var events = new List<ResourceEvent>();
        context.ResourceAdded.Connect(events.Add);

        context.AddResource<Greeter, IGreeter>(new Greeter(), "g");

        var added = Assert.Single(events);
        Assert.Equal([typeof(Greeter), typeof(IGreeter)], added.Types);
        Assert.Equal("g", added.Name);
        Assert.False(added.IsFactory);
    }

    [Fact]
    public async Task Current_context_flows_into_async_calls_and_is_restored()
    {
        Assert.Null(Context.CurrentOrNull);
        Assert.Throws<NoCurrentContextException>(() => Context.Current);
        var context = new Context();
        using (context.MakeCurrent())
        {
            await Task.Yield();
            Assert.Same(context, Context.Current);
            Assert.Same(context, await Task.Run(() => Context.Current));
        }

        Assert.Null(Context.CurrentOrNull);
    }

    [Fact]
    public async Task Owned_values_and_factory_values_arriving_after_close_are_disposed_not_leaked()
    {
        var log = new EventLog();
        var context = new Context();
        context.AddResourceFactory(_ => new TrackedDisposable(log, "from factory"));
        await context.CloseAsync();

        Assert.Throws<InvalidOperationException>(() => context.AddResource(new TrackedDisposable(log, "late"), owned: true));
        Assert.Throws<InvalidOperationException>(() => context.GetResource<TrackedDisposable>());

        Assert.Equal(["dispose late"], log.Events);
    }

    [Fact]
    public async Task Factories_still_work_during_teardown_and_their_values_are_torn_down()
    {
        var log = new EventLog();
        var context = new Context();
        context.AddResourceFactory(_ => new TrackedDisposable(log, "made while closing"));
        context.AddTeardown(() => log.Add($"teardown uses {context.GetResource<TrackedDisposable>() is not null}"));

        await context.CloseAsync();

        Assert.Equal(["teardown uses True", "dispose made while closing"], log.Events);
    }

    [Fact]
    public async Task Publishing_into_a_closed_context_fails_clearly()
    {
        var context = new Context();
        await context.CloseAsync();

        var error = Assert.Throws<InvalidOperationException>(() => context.AddResource(new Greeter()));
        Assert.Equal("Cannot publish a resource: the context is closed.", error.Message);
    }
}

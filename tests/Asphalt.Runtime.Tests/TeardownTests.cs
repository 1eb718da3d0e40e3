using Asphalt.Runtime.Tests.Support;

namespace Asphalt.Runtime.Tests;

public sealed class TeardownTests
{
    [Fact]
    public async Task Callbacks_run_in_reverse_order_and_get_the_closing_exception()
    {
        var context = new Context();
        var log = new EventLog();
        var failure = new InvalidOperationException("boom");
        context.AddTeardown(e => log.Add($"first {e?.Message}"));
        context.AddTeardown(async e =>
        {
            await Task.Yield();
            log.Add($"second {e?.Message}");
        });
        context.AddTeardown(() => log.Add("third"));

        await context.CloseAsync(failure);

        Assert.Equal(["third", "second boom", "first boom"], log.Events);
        Assert.Equal(ContextState.Closed, context.State);
    }

    [Fact]
    public void Synchronous_callbacks_finish_before_CloseAsync_returns()
    {
        var context = new Context();
        var log = new EventLog();
        context.AddTeardown(() => log.Add("first"));
        context.AddTeardown(() => log.Add("second"));

        var closing = context.CloseAsync();

        Assert.True(closing.IsCompletedSuccessfully);
        Assert.Equal(["second", "first"], log.Events);
        Assert.Same(closing, context.CloseAsync());
    }

    [Fact]
    public async Task Callbacks_run_outside_the_context_lock()
    {
        var context = new Context();
        var log = new EventLog();
        context.AddTeardown(() => log.Add("late callback"));
        context.AddTeardown(() =>
        {
            // Another thread registers a callback while this one runs: that takes the context's
            // lock, so it would never finish if teardown held it.
            var registered = Task.Run(() => context.AddTeardown(() => log.Add("added during teardown")));
            Assert.True(registered.Wait(TimeSpan.FromSeconds(5)), "AddTeardown from another thread blocked during teardown");
        });

        await context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["added during teardown", "late callback"], log.Events);
    }

    [Fact]
    public async Task A_log_sink_that_throws_neither_stops_teardown_nor_leaves_the_close_pending()
    {
        var context = new Context(new ThrowingLoggerFactory());
        var log = new EventLog();
        context.AddTeardown(() => log.Add("first"));
        context.AddTeardown(() => throw new InvalidOperationException("step failed"));

        var error = await Assert.ThrowsAsync<TeardownException>(() => context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("step failed", Assert.Single(error.Failures).InnerException?.Message);
        Assert.Equal(["first"], log.Events);
        Assert.Equal(ContextState.Closed, context.State);
    }

    [Fact]
    public void The_runners_close_of_an_empty_context_completes_inline_and_refuses_later_steps()
    {
        var context = new Context();

        var closing = context.CloseOnThreadPool(null);

        Assert.True(closing.IsCompletedSuccessfully);
        Assert.Equal(ContextState.Closed, context.State);
        var error = Assert.Throws<InvalidOperationException>(() => context.AddTeardown(() => { }));
        Assert.Contains("already closed", error.Message);
    }

    [Fact]
    public async Task A_request_context_with_nothing_to_tear_down_closes_inline_refuses_later_steps_and_reports_the_same_close_again()
    {
        var application = new Context();
        application.AddResource("shared");
        var request = new Context(application);
        Assert.Equal("shared", request.GetResource<string>()); // Lookups through the parent need nothing of the child's own.

        var closing = request.CloseAsync();

        Assert.True(closing.IsCompletedSuccessfully);
        Assert.Equal(ContextState.Closed, request.State);
        Assert.Contains("already closed", Assert.Throws<InvalidOperationException>(() => request.AddTeardown(() => { })).Message);
        Assert.Throws<InvalidOperationException>(() => request.AddResource("mine", "late"));
        await request.CloseAsync(); // A second close reports the first one's outcome.
        Assert.Equal(ContextState.Open, application.State);
    }

    [Fact]
    public async Task The_runners_close_runs_steps_off_the_callers_thread()
    {
        var context = new Context();
        using var release = new ManualResetEventSlim();
        context.AddTeardown(() => release.Wait(TimeSpan.FromSeconds(30)));

        var closing = context.CloseOnThreadPool(null); // Returns while the step blocks its own thread.

        Assert.False(closing.IsCompleted);
        release.Set();
        await closing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ContextState.Closed, context.State);
    }

    [Fact]
    public async Task Clean_close_passes_null()
    {
        Exception? seen = new();
        await using (var context = new Context())
        {
            context.AddTeardown(e => seen = e);
        }

        Assert.Null(seen);
    }

    [Fact]
    public async Task Every_callback_runs_and_failures_come_out_together()
    {
        var context = new Context();
        var log = new EventLog();
        context.AddTeardown(() => log.Add("a"), "close of A");
        context.AddTeardown(() => throw new IOException("disk gone"), "flush of B");
        context.AddTeardown(() => log.Add("c"));
        context.AddTeardown(() => throw new TimeoutException("too slow"), "stop of D");

        var error = await Assert.ThrowsAsync<TeardownException>(() => context.CloseAsync());

        Assert.Equal(["c", "a"], log.Events);
        Assert.Equal(2, error.Failures.Count);
        Assert.Equal("stop of D", error.Failures[0].Description);
        Assert.IsType<TimeoutException>(error.Failures[0].InnerException);
        Assert.IsType<IOException>(error.Failures[1].InnerException);
        Assert.Equal(2, error.InnerExceptions.Count);
        Assert.Contains("stop of D failed: TimeoutException: too slow", error.Message);
        Assert.Contains("flush of B failed: IOException: disk gone", error.Message);
    }

    [Fact]
    public async Task Owned_resources_are_disposed_in_the_same_lifo_order_preferring_async_disposal()
    {
        var context = new Context();
        var log = new EventLog();
        context.AddResource(new TrackedDisposable(log, "one"), owned: true);
        context.AddTeardown(() => log.Add("callback"));
        context.AddResource(new TrackedAsyncDisposable(log, "two"), owned: true);
        context.AddResource(new TrackedDisposable(log, "not owned"), "other");

        await context.CloseAsync();

        Assert.Equal(["dispose-async two", "callback", "dispose one"], log.Events);
    }

    [Fact]
    public async Task Callbacks_added_during_teardown_run_too()
    {
        var context = new Context();
        var log = new EventLog();
        context.AddTeardown(() =>
        {
            log.Add("outer");
            context.AddTeardown(() => log.Add("added while closing"));
        });

        await context.CloseAsync();

        Assert.Equal(["outer", "added while closing"], log.Events);
    }

    [Fact]
    public async Task Closing_twice_runs_teardown_once()
    {
        var context = new Context();
        var runs = 0;
        context.AddTeardown(() => runs++);

        await context.CloseAsync();
        await context.CloseAsync();

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Teardown_failure_names_the_component_that_registered_it()
    {
        var context = new Context();
        var root = new LambdaComponent().With("db", new LambdaComponent(start: (ctx, _) =>
        {
            ctx.AddTeardown(() => throw new InvalidOperationException("connection already closed"), "close of the database");
            return ValueTask.CompletedTask;
        }));
        await context.StartComponentAsync(root);

        var error = await Assert.ThrowsAsync<TeardownException>(() => context.CloseAsync());

        var failure = Assert.Single(error.Failures);
        Assert.Equal("app/db", failure.Owner);
        Assert.Equal(
            "close of the database (registered by component 'app/db') failed: InvalidOperationException: connection already closed",
            failure.Message);
    }

    [Fact]
    public async Task Resources_can_still_be_read_during_teardown()
    {
        var context = new Context();
        context.AddResource<IGreeter>(new Greeter());
        string? greeting = null;
        context.AddTeardown(() => greeting = context.GetResource<IGreeter>().Greet("teardown"));

        await context.CloseAsync();

        Assert.Equal("Hello, teardown", greeting);
    }
}

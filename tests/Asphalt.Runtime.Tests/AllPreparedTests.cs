using Asphalt.Runtime.Tests.Support;

namespace Asphalt.Runtime.Tests;

/// <summary><see cref="Context.AllPrepared"/>: what the web component waits for before it accepts requests.</summary>
public sealed class AllPreparedTests
{
    [Fact]
    public async Task A_start_step_awaiting_AllPrepared_runs_after_every_prepare_step_of_the_tree()
    {
        // 'late' prepares only once released, and its prepare runs concurrently with 'early''s start;
        // nothing but AllPrepared orders them. The deeper child 'late/inner' prepares after 'late'.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new EventLog();
        var early = new LambdaComponent(start: async (ctx, ct) =>
        {
            log.Add("early waits");
            await ctx.AllPrepared.WaitAsync(ct);
            log.Add("early starts");
        });
        var late = new LambdaComponent(prepare: async (_, _) =>
        {
            await release.Task;
            log.Add("late prepared");
        }).With("inner", new LambdaComponent(prepare: (_, _) =>
        {
            log.Add("inner prepared");
            return ValueTask.CompletedTask;
        }));
        var root = new LambdaComponent().With("early", early).With("late", late);
        await using var context = new Context();

        var starting = context.StartComponentAsync(root, TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => log.Events.Contains("early waits"));
        Assert.False(context.AllPrepared.IsCompleted);
        release.SetResult();
        await starting;

        Assert.Equal(["early waits", "late prepared", "inner prepared", "early starts"], log.Events);
    }

    [Fact]
    public void Without_a_tree_being_started_it_is_complete() => Assert.True(new Context().AllPrepared.IsCompleted);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}

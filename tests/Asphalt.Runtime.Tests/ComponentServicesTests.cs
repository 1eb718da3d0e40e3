using Asphalt.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Asphalt.Runtime.Tests;

/// <summary>The framework services a constructor takes, bound to the context when the component starts.</summary>
public sealed class ComponentServicesTests
{
    private sealed class Noisy : Component
    {
        public Noisy(ComponentServices services, int entries)
        {
            var logger = new Logger<Noisy>(services.LoggerFactory);
            for (var i = 0; i < entries; i++)
            {
                logger.LogInformation("entry {Index}", i);
            }

            Clock = services.TimeProvider;
            services.AttachTo(this);
        }

        public TimeProvider Clock { get; }
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    [Fact]
    public async Task Entries_logged_before_start_are_written_at_start_up_to_the_limit_and_the_rest_counted()
    {
        var logs = new CapturingLoggerProvider();
        var component = new Noisy(new ComponentServices(), DeferredLogger.MaxPendingEntries + 5);
        Assert.Empty(logs.Records);

        await using (var context = new Context(logs.CreateFactory()))
        {
            await context.StartComponentAsync(component);
        }

        var written = logs.Records.Where(r => r.Category == typeof(Noisy).FullName!.Replace('+', '.')).ToList();
        Assert.Equal(DeferredLogger.MaxPendingEntries + 1, written.Count);
        Assert.Equal("entry 0", written[0].Message);
        Assert.Equal("entry 99", written[^2].Message);
        Assert.Equal(LogLevel.Warning, written[^1].Level);
        Assert.Equal("5 log entries written before the component started were dropped: only the first 100 are kept.", written[^1].Message);
    }

    [Fact]
    public async Task The_clock_is_the_published_one_when_the_component_begins_to_start()
    {
        var component = new Noisy(new ComponentServices(), 0);
        Assert.Same(TimeProvider.System.LocalTimeZone, component.Clock.LocalTimeZone);

        await using var context = new Context();
        context.AddResource<TimeProvider>(new FixedClock());
        await context.StartComponentAsync(component);

        Assert.Equal(2000, component.Clock.GetUtcNow().Year);
    }
}

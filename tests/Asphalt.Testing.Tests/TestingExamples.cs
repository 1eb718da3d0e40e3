using Microsoft.Extensions.Logging;

namespace Asphalt.Testing.Tests;

/// <summary>
/// The examples of docs/testing.md, as they run. Each one sits between <c>// begin example: name</c>
/// and <c>// end example</c>; <see cref="DocsSnippetTests"/> fails if the page's copy differs.
/// </summary>
public sealed class TestingExamples
{
    // begin example: one-component
    [Fact]
    public async Task The_monitor_raises_an_alert_when_it_is_too_hot()
    {
        var monitor = new MonitorComponent();
        using var alerts = new SignalRecorder<HeatAlert>(monitor.Alerts);

        await using var app = await ComponentHarness.StartAsync(
            monitor,
            h => h.Override<IThermometer>(new FakeThermometer(35)));

        Assert.Equal(new HeatAlert(35), await alerts.WaitForAsync());
        var line = await app.WaitForLogAsync(l => l.Message == "It is 35 °C");
        Assert.Equal("app", line.Component);
    }
    // end example

    // begin example: tree-override
    [Fact]
    public async Task The_station_starts_with_a_fake_in_place_of_its_real_thermometer()
    {
        // ThermometerComponent publishes the real IThermometer; the override wins.
        await using var app = await ComponentHarness.StartAsync(
            WeatherStation.Create(),
            h => h.Override<IThermometer>(new FakeThermometer(21)));

        var line = await app.WaitForLogAsync(l => l.Message.StartsWith("It is"));
        Assert.Equal("It is 21 °C", line.Message);
        Assert.Equal("app/monitor", line.Component);
        Assert.Equal(LogLevel.Information, line.Level);
    }
    // end example

    // begin example: start-failure
    [Fact]
    public async Task Without_the_override_the_station_fails_to_start_naming_the_component()
    {
        var error = await Assert.ThrowsAsync<ComponentStartException>(
            () => ComponentHarness.StartAsync(WeatherStation.Create()));

        Assert.Equal("app/monitor", error.Path);
        Assert.IsType<IOException>(error.InnerException);
    }
    // end example

    // begin example: record-after-start
    [Fact]
    public async Task Events_dispatched_after_start_are_recorded_by_resource_name()
    {
        await using var app = await ComponentHarness.StartAsync(
            new MonitorComponent(),
            h => h.Override<IThermometer>(new FakeThermometer(20)));
        var alerts = app.Record<HeatAlert>("alerts");

        await app.Context.GetResource<Signal<HeatAlert>>("alerts").DispatchAsync(new HeatAlert(40));

        Assert.Equal([new HeatAlert(40)], alerts.Events);
    }
    // end example

    // begin example: task-crash
    [Fact]
    public async Task A_task_that_crashes_after_start_up_fails_the_test_when_the_harness_stops()
    {
        var app = await ComponentHarness.StartAsync(
            new TemperatureLogger(),
            h => h.Override<IThermometer>(new SensorThermometer())); // Throws IOException.
        await app.WaitForLogAsync(l => l.Level == LogLevel.Error); // The crash is logged at once.

        // Under the runner the crash would stop the application; here teardown reports it.
        var error = await Assert.ThrowsAsync<TeardownException>(app.StopAsync);
        var crash = Assert.IsType<ServiceTaskFailedException>(Assert.Single(error.Failures).InnerException);
        Assert.Equal("first reading", crash.TaskName);
        Assert.IsType<IOException>(crash.InnerException);
    }
    // end example
}

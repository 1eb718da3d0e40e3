using Asphalt;
using Microsoft.Extensions.Logging;

namespace Asphalt.Testing.Tests;

// The components the examples in docs/testing.md test: a weather station whose monitor raises an
// alert when its thermometer reads too hot.

/// <summary>Reads the temperature.</summary>
public interface IThermometer
{
    ValueTask<double> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>A temperature over the limit.</summary>
public sealed record HeatAlert(double Celsius);

/// <summary>The real thermometer: a sensor the tests have no access to.</summary>
public sealed class SensorThermometer : IThermometer
{
    public ValueTask<double> ReadAsync(CancellationToken cancellationToken) =>
        throw new IOException("no sensor attached to this machine");
}

/// <summary>Publishes the real thermometer.</summary>
[Component("thermometer")]
public sealed partial class ThermometerComponent
{
    [return: Resource]
    public IThermometer StartAsync() => new SensorThermometer();
}

/// <summary>Reads the thermometer once started and raises <see cref="Alerts"/> above 30 °C.</summary>
[Component("monitor")]
public sealed partial class MonitorComponent
{
    /// <summary>Heat alerts.</summary>
    [Signal("alerts")]
    public Signal<HeatAlert> Alerts { get; } = new("alerts");

    public async Task StartAsync(IThermometer thermometer, Context context, CancellationToken cancellationToken)
    {
        var logger = context.LoggerFactory.CreateLogger<MonitorComponent>();
        var celsius = await thermometer.ReadAsync(cancellationToken);
        logger.LogInformation("It is {Celsius} °C", celsius);
        if (celsius > 30)
        {
            await Alerts.DispatchAsync(new HeatAlert(celsius));
        }
    }
}

/// <summary>Takes a first reading in a task of its own, which crashes if the thermometer fails.</summary>
[Component("logger")]
public sealed partial class TemperatureLogger
{
    public void StartAsync(IThermometer thermometer, Context context)
    {
        var logger = context.LoggerFactory.CreateLogger<TemperatureLogger>();
        var readings = context.CreateTaskFactory("readings");
        readings.StartTask("first reading", async ct => logger.LogInformation("It is {Celsius} °C", await thermometer.ReadAsync(ct)));
    }
}

/// <summary>The whole station: the real thermometer and the monitor.</summary>
[Component("station")]
[ChildComponent<ThermometerComponent>("thermometer")]
[ChildComponent<MonitorComponent>("monitor")]
public sealed partial class WeatherStation;

/// <summary>A thermometer that reads what the test says.</summary>
public sealed class FakeThermometer(double celsius) : IThermometer
{
    public ValueTask<double> ReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(celsius);
}

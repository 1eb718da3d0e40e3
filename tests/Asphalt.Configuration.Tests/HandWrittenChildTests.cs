using Asphalt.CommandLine;
using Asphalt.Configuration.Tests.Generated;

namespace Asphalt.Configuration.Tests;

/// <summary>
/// A hand-written <see cref="Component"/> declared with <c>[ChildComponent&lt;T&gt;]</c> is part of the tree
/// on every path: generated <c>Create</c>, and the command line's <c>check</c>, <c>graph</c> and <c>run</c>.
/// </summary>
public sealed class HandWrittenChildTests : IDisposable
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private Task<int> RunAsync(params string[] args) =>
        AsphaltCommandLine.RunAsync(args, AuditedApp.Definition with
        {
            ConfigureOptions = options =>
            {
                options.HandleStopSignals = false;
                options.LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
            },
        }, new CommandLineSettings { Output = _output, Error = _error, Environment = new Dictionary<string, string>() });

    [Fact]
    public async Task Check_graph_and_run_keep_a_hand_written_child()
    {
        Assert.Contains(AuditedApp.Create().Children, c => c.Alias == "audit" && c.Component is AuditComponent);

        Assert.Equal(0, await RunAsync("check"));
        Assert.Contains("Configuration OK: 3 components (app, app/audit, app/greeter)", _output.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await RunAsync("graph"));
        Assert.Contains("app/audit", _output.ToString(), StringComparison.Ordinal);

        var before = AuditComponent.Starts;
        Assert.Equal(0, await RunAsync("run"));
        Assert.Equal(before + 1, AuditComponent.Starts);
    }

    [Fact]
    public async Task An_option_given_to_a_hand_written_child_is_an_error()
    {
        Assert.Equal(1, await RunAsync("check", "--set", "component.components.audit.level=3"));
        Assert.Contains("component.components.audit.level", _error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }
}

using Microsoft.Extensions.Logging;
using Asphalt.Trees;

namespace Asphalt;

/// <summary>How <see cref="Application.RunAsync"/> runs an application.</summary>
public sealed class ApplicationOptions
{
    /// <summary>
    /// How long the component tree may take to start (default 10 s, as Asphalt). <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// It holds even against a step that blocks its thread. After start-up, a resource wait that lasts
    /// longer than this logs a warning (see <see cref="Application"/>).
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long teardown may take before the application gives up on it (default 30 s). It includes
    /// waiting for a start step that the start timeout or a stop request abandoned.
    /// </summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The root component's name in component paths (default <c>app</c>).</summary>
    public string RootAlias { get; set; } = TreeRules.RootAlias;

    /// <summary>
    /// Where to log. When null the application logs plain lines to standard output at
    /// <see cref="MinimumLogLevel"/>. Pass a factory to use any Microsoft.Extensions.Logging provider.
    /// </summary>
    public ILoggerFactory? LoggerFactory
    {
        get => _loggerFactory;
        set
        {
            _loggerFactory = value;
            if (value is not null)
            {
                RuntimeLogger.ForwardToForeignLoggers();
            }
        }
    }

    private ILoggerFactory? _loggerFactory;

    /// <summary>
    /// Logs through the command line's redaction. Unlike setting <see cref="LoggerFactory"/> this installs
    /// no forwarding: <see cref="RuntimeLogger"/> recognises the redacting loggers and writes to what
    /// they wrap, the runtime's console logging or a factory set through <see cref="LoggerFactory"/>.
    /// </summary>
    internal void UseRedactedLogging(CommandLine.RedactingLoggerFactory factory) => _loggerFactory = factory;

    /// <summary>The lowest level logged by the default console logging (default Information).</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Information;

    /// <summary>Whether SIGINT (Ctrl+C) and SIGTERM stop the application cleanly, with exit code 0 (default true).</summary>
    public bool HandleStopSignals { get; set; } = true;

    /// <summary>
    /// The lifetime the application reports to (states, tokens, health, stop requests); a new one when null.
    /// Pass your own to watch or stop the application from outside (Asphalt.Hosting does).
    /// </summary>
    public ApplicationLifetime? Lifetime { get; set; }

    /// <summary>The host's services, from which <see cref="FromServicesAttribute"/> parameters are resolved (<see cref="Context.Services"/>); none when null.</summary>
    public IServiceProvider? Services { get; set; }
}

using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// SIGINT and SIGTERM request a clean stop; a second SIGINT kills the process as usual. Registered
/// before anything else happens (the command line registers it before it loads the configuration),
/// so a signal that arrives early still stops the application cleanly: it is remembered, and logged
/// once the runner's logging exists.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;
    private string? _signal; // The first signal received, until it is logged.
    private ILogger? _logger;

    private StopSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Registers the handlers; null where the platform has no POSIX signals.</summary>
    public static StopSignals? Register()
    {
        try
        {
            return new StopSignals();
        }
        catch (PlatformNotSupportedException)
        {
            return null; // Browser/mobile targets: nothing to handle.
        }
    }

    /// <summary>Where to log received signals from now on; logs one that arrived before.</summary>
    public void LogTo(ILogger logger)
    {
        string? early;
        lock (_gate)
        {
            _logger = logger;
            (early, _signal) = (_signal, null);
        }

        if (early is not null)
        {
            ApplicationLog.StopSignal(logger, early);
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void Handle(PosixSignalContext signal)
    {
        if (Interlocked.Increment(ref _received) > 1)
        {
            // A second Ctrl+C terminates a stuck application; a repeated SIGTERM changes nothing.
            signal.Cancel = signal.Signal != PosixSignal.SIGINT;
            return;
        }

        signal.Cancel = true;
        var name = signal.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM"; // No Enum.ToString: it drags enum metadata into NativeAOT builds.
        ILogger? logger;
        lock (_gate)
        {
            logger = _logger;
            if (logger is null)
            {
                _signal = name;
            }
        }

        if (logger is not null)
        {
            ApplicationLog.StopSignal(logger, name);
        }

        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the signal and this handler: the application is over.
        }
    }
}

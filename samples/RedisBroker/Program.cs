using System.Globalization;
using System.Runtime.InteropServices;
using Garnet;

// Usage: RedisBroker [--port N]   (default 6379; 0 picks a free port, printed on the "listening" line)
// A Redis-protocol server (Microsoft Garnet) on 127.0.0.1 until Ctrl+C or SIGTERM.
var port = 6379;
if (args is ["--port", var text] && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
{
    Console.Error.WriteLine($"--port needs a number from 0 to 65535, got '{text}'.");
    return 2;
}
else if (args is not [] and not ["--port", _])
{
    Console.Error.WriteLine("Usage: RedisBroker [--port N]");
    return 2;
}

if (port == 0)
{
    port = FreePort.Pick();
}

using var server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture)]);
server.Start();
var stop = new TaskCompletionSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
// Tests and scripts wait for this line.
Console.WriteLine($"Redis broker (Garnet) listening on 127.0.0.1:{port}");
await stop.Task;
Console.WriteLine("Redis broker stopped");
return 0;

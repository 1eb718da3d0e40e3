using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Asphalt;

/// <summary>
/// The logger factory of the running application, for the few places (signals) that log without a
/// context at hand. <see cref="Application.RunAsync"/> sets it.
/// </summary>
internal static class RuntimeLogging
{
    private static ILoggerFactory _factory = NullLoggerFactory.Instance;

    public static ILoggerFactory Factory
    {
        get => Volatile.Read(ref _factory);
        set => Volatile.Write(ref _factory, value);
    }
}

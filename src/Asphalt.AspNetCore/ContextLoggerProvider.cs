using Microsoft.Extensions.Logging;

namespace Asphalt.AspNetCore;

/// <summary>
/// Sends the server's logging to the application's (the context's logger factory, which the runner
/// redacts), after the server's own filters: ASP.NET Core's categories from Warning up.
/// </summary>
internal sealed class ContextLoggerProvider(ILoggerFactory application) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => application.CreateLogger(categoryName);

    public void Dispose()
    {
        // The application's factory belongs to the application.
    }
}

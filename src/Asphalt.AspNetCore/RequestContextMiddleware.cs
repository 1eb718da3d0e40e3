using Microsoft.AspNetCore.Http;

namespace Asphalt.AspNetCore;

/// <summary>
/// Runs each request in its own child <see cref="Context"/> of the application's (asphalt-web's
/// model): <see cref="Context.Current"/> is that context inside handlers and middleware, resources
/// added to it and values made by resource factories belong to the request, and its teardown runs
/// when the request ends, with the exception that ended it, if any.
/// </summary>
internal sealed class RequestContextMiddleware(RequestDelegate next, Context application)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = new Context(application);
        var services = http.RequestServices;
        Exception? failure = null;
        try
        {
            using (request.MakeCurrent())
            {
                http.RequestServices = new ResourceServiceProvider(request, services);
                await next(http);
            }
        }
        catch (Exception error)
        {
            failure = error;
            throw;
        }
        finally
        {
            http.RequestServices = services;
            await request.CloseAsync(failure);
        }
    }
}

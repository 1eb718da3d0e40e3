using System.Text.Json;
using System.Text.Json.Serialization;
using Asphalt;
using Asphalt.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Components;

/// <summary>
/// The chat's HTTP API, contributed to the <c>web</c> component: <c>GET /messages?since=</c> reads the
/// history, <c>POST /messages</c> says something in the room through the <c>messages</c> signal, so
/// TCP clients receive it, the history stores it and the stats count it.
/// </summary>
[Component("api")]
public sealed partial class ChatApiComponent
{
    /// <summary>The most messages one <c>GET /messages</c> returns.</summary>
    public const int MaxMessagesPerRequest = 1000;

    /// <summary>The longest user name and text a posted message may have, in characters.</summary>
    public const int MaxFieldLength = 4096;

    /// <summary>
    /// Maps the endpoints. It takes the store, so its prepare step waits for the store to open: the
    /// web server then starts accepting after the store opened and drains before it closes.
    /// </summary>
    public void PrepareAsync(WebEndpoints web, MessageStore store)
    {
        web.ConfigureServices(services =>
            services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ChatJsonContext.Default)));
        web.MapEndpoints(routes =>
        {
            routes.MapGet("/messages", async ([FromResource] MessageStore messages, DateTimeOffset? since, CancellationToken cancellationToken) =>
                await messages.SinceAsync(since ?? DateTimeOffset.MinValue, MaxMessagesPerRequest, cancellationToken));
            routes.MapPost("/messages", async (PostedMessage posted, [FromResource("messages")] Signal<ChatMessage> messages) =>
            {
                if (Problem(posted) is { } problem)
                {
                    return Results.BadRequest(problem);
                }

                var message = new ChatMessage(posted.User, posted.Text, DateTimeOffset.UtcNow);
                await messages.DispatchAsync(message);
                return Results.Accepted("/messages", message);
            });
        });
    }

    // A chat line is one line of text: a line break would split it into several lines for TCP clients.
    private static string? Problem(PostedMessage posted) =>
        string.IsNullOrWhiteSpace(posted.User) || string.IsNullOrWhiteSpace(posted.Text) ? "'user' and 'text' are required"
        : posted.User.Length > MaxFieldLength || posted.Text.Length > MaxFieldLength ? $"'user' and 'text' may have at most {MaxFieldLength} characters"
        : posted.User.AsSpan().IndexOfAny('\r', '\n') >= 0 || posted.Text.AsSpan().IndexOfAny('\r', '\n') >= 0 ? "'user' and 'text' must not contain line breaks"
        : null;
}

/// <summary>The body of <c>POST /messages</c>.</summary>
/// <param name="User">Who says it.</param>
/// <param name="Text">What they say.</param>
public sealed record PostedMessage(string User, string Text);

/// <summary>JSON of the HTTP API, generated at build time (NativeAOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PostedMessage))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(IReadOnlyList<ChatMessage>))]
[JsonSerializable(typeof(string))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;

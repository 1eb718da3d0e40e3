using Asphalt;
using Asphalt.AspNetCore;
using Microsoft.Extensions.Logging;

namespace ChatServer.Components;

/// <summary>
/// The chat server: a message store on SQLite, the room with its broadcast signal, the history
/// writer, the stats counter and the TCP listener, wired by generated code
/// (<see cref="WiringPlan"/> shows how). Several nodes share one room when configuration adds
/// Asphalt.Redis's <c>redis</c> component and bridges the room's <c>messages</c> signal
/// (<c>components:room:bridges:messages=asphalt-chat:messages</c>, see README.md).
/// </summary>
[Component("chat")]
[ChildComponent<MessageStoreComponent>("store")]
[ChildComponent<ChatRoomComponent>("room")]
[ChildComponent<HistoryComponent>("history")]
[ChildComponent<StatsComponent>("stats")]
[ChildComponent<TcpListenerComponent>("listener")]
[ChildComponent<WebComponent>("web")]
[ChildComponent<ChatApiComponent>("api")]
public sealed partial class ChatServerApp
{
    /// <summary>Announces where the server listens once everything started.</summary>
    public void StartAsync(ListenerEndpoint endpoint, WebServer web, Context context) =>
        context.LoggerFactory.CreateLogger<ChatServerApp>().LogInformation(
            "Chat server listening on {EndPoint}, HTTP API on {Address}", endpoint.EndPoint, web.Addresses[0]);
}

using Asphalt;
using Asphalt.AspNetCore;
using Microsoft.Extensions.Logging;

namespace ChatServer.Components;

/// <summary>
/// The chat server: a message store on SQLite, the room with its broadcast signal, the history
/// writer, the stats counter and the TCP listener, wired by generated code
/// (<see cref="WiringPlan"/> shows how).
/// </summary>
[Component("chat")]
[ChildComponent<MessageStoreComponent>("store")]
[ChildComponent<ChatRoomComponent>("room")]
[ChildComponent<HistoryComponent>("history")]
[ChildComponent<StatsComponent>("stats")]
[ChildComponent<TcpListenerComponent>("listener")]
[ChildComponent<WebComponent>("web")]
[ChildComponent<ChatApiComponent>("api")]
[ChildComponent<ClusterComponent>("cluster")]
public sealed partial class ChatServerApp
{
    /// <summary>Announces where the server listens once everything started.</summary>
    public void StartAsync(ListenerEndpoint endpoint, WebServer web, Context context) =>
        context.LoggerFactory.CreateLogger<ChatServerApp>().LogInformation(
            "Chat server listening on {EndPoint}, HTTP API on {Address}", endpoint.EndPoint, web.Addresses[0]);
}

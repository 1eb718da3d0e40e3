using static Asphalt.Analyzers.Tests.Blocking.Verify;

namespace Asphalt.Analyzers.Tests.Blocking;

/// <summary>A virtual or interface call follows only the overrides the receiver can be, when its type is known at the call.</summary>
public class ReceiverTypeTests
{
    // StackExchange.Redis: commands that never send a transaction were reported through TransactionMessage's override.
    private const string Messages = """
        abstract class Message { public abstract void WriteTo(); }
        class CommandMessage : Message { public override void WriteTo() { } }
        sealed class ClientMessage : CommandMessage { }
        class TransactionMessage : Message
        {
            private readonly object _box = new object();
            public override void WriteTo() { lock (_box) { {|#1:Monitor.Wait(_box, 1000)|}; } }
        }
        interface IBridge { void Send(Message message); }
        sealed class Bridge : IBridge { public void Send(Message message) => message.WriteTo(); }
        class PlainBridge : IBridge { public void Send(Message message) { } }

        """;

    [Fact]
    public Task A_receiver_created_in_a_local_or_held_in_a_readonly_field_follows_only_its_own_override() => AnalyzeAsync(Messages + """
        class C
        {
            private readonly IBridge _plain;
            private readonly ClientMessage _client = new ClientMessage();
            C() { _plain = new PlainBridge(); }

            async Task M(Message any)
            {
                await Task.Yield();
                Message message = new CommandMessage();
                message.WriteTo();
                new CommandMessage().WriteTo();
                _client.WriteTo();
                _plain.Send(new TransactionMessage());
                {|#0:any.WriteTo()|};
            }
        }
        """, Chain("Message.WriteTo() → TransactionMessage.WriteTo() → Monitor.Wait(object, int)", "use an awaitable alternative or move the call off the async path with Offload.RunAsync"));

    [Fact]
    public Task A_local_assigned_two_types_still_follows_every_override() => AnalyzeAsync(Messages + """
        class C
        {
            async Task M(bool transaction)
            {
                await Task.Yield();
                Message message = new CommandMessage();
                if (transaction) message = new TransactionMessage();
                {|#0:message.WriteTo()|};
            }
        }
        """, Chain());
}

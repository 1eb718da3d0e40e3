using System.Net.Sockets;
using Asphalt.AspNetCore;
using Asphalt.Configuration;
using ChatServer;
using ChatServer.Components;

namespace Asphalt.Generators.Tests.Samples;

/// <summary>
/// The generated registry feeds the Runtime's configured trees: the chat server assembled by
/// <see cref="ComponentTree"/> from <c>ChatServerApp.Definition</c>, checked, planned and started.
/// </summary>
public sealed class ConfiguredTreeTests
{
    private static LoadedConfiguration Load(params string[] overrides)
    {
        var loader = new ConfigurationLoader { Environment = new Dictionary<string, string>() };
        loader.Overrides.AddRange(overrides);
        return loader.Load();
    }

    [Fact]
    public void Generated_definition_checks_and_plans_like_the_build()
    {
        var definition = ChatServerApp.Definition;
        Assert.Equal("chat", definition.RootType);
        Assert.Equal(["api", "chat", "history", "listener", "redis", "room", "stats", "store", "web"], definition.ComponentTypes.Aliases); // redis and web: from the packages ChatServer references
        Assert.Same(ChatServerApp.WiringPlan, definition.DeclaredPlan);

        var loaded = Load("component.components.listener.port=0", "component.components.web.port=0");
        Assert.Empty(ComponentTree.Check(loaded, ChatServerApp.Definition.ComponentTypes, definition.RootType).Select(e => e.ToString()));
        var plan = ComponentTree.Plan(loaded, ChatServerApp.Definition.ComponentTypes, definition.RootType);
        Assert.Equal(ChatServerApp.WiringPlan.Components.Select(c => c.Path).Order(), plan.Components.Select(c => c.Path).Order());
    }

    [Fact]
    public void Unknown_option_in_a_configured_tree_is_reported_with_its_path()
    {
        var definition = ChatServerApp.Definition;
        var errors = ComponentTree.Check(Load("component.components.listener.prot=1"), ChatServerApp.Definition.ComponentTypes, definition.RootType);
        Assert.Contains(errors, e => e.ToString().Contains("prot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configured_tree_starts_and_serves()
    {
        var database = Path.Combine(Path.GetTempPath(), $"asphalt-chat-{Guid.NewGuid():N}.db");
        var definition = ChatServerApp.Definition;
        var root = ComponentTree.Build(
            Load("component.components.listener.port=0", "component.components.web.port=0", $"component.components.store.path={database}"),
            ChatServerApp.Definition.ComponentTypes, definition.RootType);
        var context = new Context();
        try
        {
            await context.StartComponentAsync(root, TimeSpan.FromSeconds(10));
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", context.GetResource<ListenerEndpoint>().EndPoint.Port);
            using var reader = new StreamReader(client.GetStream());
            await using var writer = new StreamWriter(client.GetStream()) { AutoFlush = true, NewLine = "\n" };
            await writer.WriteLineAsync("dave");
            Assert.Equal("joined as dave", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await context.CloseAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }
}

using Asphalt.Redis.Tests.Support;
using Asphalt.Runtime.Tests.Support;
using Asphalt.Tests.Shared;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Asphalt.Redis.Tests;

public sealed class RedisComponentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    [Fact]
    public async Task Publishes_the_connection_and_the_database_and_closes_the_connection_at_teardown()
    {
        using var broker = await Broker.StartAsync();
        var context = new Context();
        await context.StartComponentAsync(RedisComponent.Create(Configuration(("endpoints", broker.Endpoint))), Timeout);

        var connection = context.GetResource<IConnectionMultiplexer>();
        var database = context.GetResource<IDatabase>();
        await database.StringSetAsync("asphalt-test", "stored");
        Assert.Equal("stored", (string?)await connection.GetDatabase().StringGetAsync("asphalt-test"));

        await context.CloseAsync().WaitAsync(Timeout);
        Assert.False(connection.IsConnected);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => database.PingAsync());
    }

    [Fact]
    public async Task A_step_takes_the_database_as_a_parameter_checked_by_the_build()
    {
        // IDatabase is a declared resource: this test project's build checks that the tree publishes
        // it (ASPH0001 otherwise), and the step receives it.
        using var broker = await Broker.StartAsync();
        var context = new Context();
        await context.StartComponentAsync(DatabaseUserApp.Create(Configuration(("components:redis:endpoints", broker.Endpoint))), Timeout);

        var user = context.GetResource<DatabaseUser>();
        Assert.True(await user.Database.PingAsync() >= TimeSpan.Zero);
        await context.CloseAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_server_down_at_start_fails_the_start_naming_the_endpoint_and_the_cause()
    {
        var endpoint = $"127.0.0.1:{Loopback.FreePort()}";
        var context = new Context();
        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => context.StartComponentAsync(RedisComponent.Create(Configuration(("endpoints", endpoint), ("connectTimeout", "1"))), Timeout));

        var unavailable = Assert.IsType<RedisUnavailableException>(error.InnerException ?? error);
        Assert.Equal(endpoint, unavailable.Endpoints);
        Assert.Contains($"No Redis server answered at {endpoint} within 1 s: ", error.ToString(), StringComparison.Ordinal);
        Assert.IsType<RedisConnectionException>(unavailable.InnerException);
    }

    [Fact]
    public async Task Waiting_for_the_server_connects_once_it_is_up()
    {
        using var broker = await Broker.StartAsync();
        broker.Kill();
        using var logs = new CapturingLoggerProvider();
        var context = new Context(logs.CreateFactory());
        var start = context.StartComponentAsync(
            RedisComponent.Create(Configuration(("endpoints", broker.Endpoint), ("connectTimeout", "0.5"), ("waitForServer", "true"))), Timeout);

        await logs.WaitForAsync(r => r.Message.Contains($"No Redis server answered at {broker.Endpoint}", StringComparison.Ordinal), Timeout);
        Assert.False(start.IsCompleted);
        await broker.RestartAsync();
        await start.WaitAsync(Timeout);
        Assert.True(await context.GetResource<IDatabase>().PingAsync() >= TimeSpan.Zero);
        await context.CloseAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task The_password_appears_in_no_log_record_nor_error()
    {
        // The server has no password, so AUTH fails: the failure is reported without the password.
        using var broker = await Broker.StartAsync();
        const string password = "pw-Zq81-never-printed";
        using var logs = new CapturingLoggerProvider();
        var context = new Context(logs.CreateFactory());
        var error = await Record.ExceptionAsync(() => context.StartComponentAsync(
            RedisComponent.Create(Configuration(("endpoints", broker.Endpoint), ("password", password), ("connectTimeout", "2"))), Timeout));
        await context.CloseAsync().WaitAsync(Timeout);

        Assert.DoesNotContain(password, error?.ToString() ?? "", StringComparison.Ordinal);
        Assert.All(logs.Records, r => Assert.DoesNotContain(password, r.Message + r.Exception, StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_options_name_the_key()
    {
        var error = Assert.Throws<ConfigurationBindingException>(() => RedisComponent.Create(Configuration(("connectTimeout", "-1"))));
        Assert.Contains("connectTimeout", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Takes the redis component's database as a step parameter and republishes it wrapped.</summary>
[Component("databaseUser")]
public sealed partial class DatabaseUserComponent
{
    [return: Resource]
    public DatabaseUser StartAsync(IDatabase database) => new(database);
}

public sealed record DatabaseUser(IDatabase Database);

[Component("databaseUserApp")]
[ChildComponent<RedisComponent>("redis")]
[ChildComponent<DatabaseUserComponent>("user")]
public sealed partial class DatabaseUserApp;

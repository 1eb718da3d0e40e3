using System.ComponentModel.DataAnnotations;

namespace Asphalt.Redis;

/// <summary>Options of <see cref="RedisComponent"/> (its configuration section, e.g. <c>components:redis</c>).</summary>
public sealed class RedisOptions
{
    /// <summary>The servers, comma-separated <c>host:port</c> (default <c>localhost:6379</c>).</summary>
    [Required]
    public string Endpoints { get; set; } = "localhost:6379";

    /// <summary>The ACL user name, for servers that use ACLs; none by default.</summary>
    public string? User { get; set; }

    /// <summary>
    /// The password; none by default. Write it as <c>${env:REDIS_PASSWORD}</c> or <c>${file:…}</c> so it is
    /// secret (redacted from logs and errors); the component never logs it.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>The database number <see cref="StackExchange.Redis.IDatabase"/> uses (default 0).</summary>
    [Range(0, 10_000)]
    public int Database { get; set; }

    /// <summary>Seconds one connection attempt may take (default 5).</summary>
    [Range(0.1, 3600)]
    public double ConnectTimeout { get; set; } = 5;

    /// <summary>
    /// What start does when no server answers: false (default) fails after one attempt of
    /// <see cref="ConnectTimeout"/>, naming the endpoints and the cause; true retries every
    /// <see cref="ConnectTimeout"/> until a server answers or the application's start timeout ends it.
    /// </summary>
    public bool WaitForServer { get; set; }
}

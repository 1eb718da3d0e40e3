using Asphalt;
using Asphalt.Configuration;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace WebNotifier;

/// <summary>
/// Publishes a <see cref="Mailer"/> (Asphalt's mailer component). Options: <c>backend</c>
/// (<c>console</c>, the default; <c>file</c>; <c>smtp</c>), for SMTP <c>host</c>, <c>port</c>,
/// <c>security</c>, <c>username</c>, <c>password</c>; for files <c>directory</c>; and
/// <c>messageDefaults: {sender, to}</c> (<c>to</c> is one address or a list).
/// </summary>
public sealed class MailerComponent(Func<TextWriter, Mailer> createMailer, string description, string resourceName = ResourceKey.DefaultName) : Component
{
    /// <summary>The registry alias.</summary>
    public const string Alias = "mailer";

    private static readonly string TypeName = typeof(MailerComponent).FullName!;

    /// <summary>Where the console backend prints; standard output when null.</summary>
    public TextWriter? ConsoleOutput { get; init; }

    /// <summary>Creates the component from its configuration (what generated binding does).</summary>
    public static MailerComponent Create(ComponentConfiguration configuration)
    {
        var section = configuration.Section;
        ConfigurationValues.CheckKeys(section, TypeName,
            "type", "components", "backend", "host", "port", "security", "username", "password", "directory", "messageDefaults");
        var defaults = section.GetSection("messageDefaults");
        ConfigurationValues.CheckKeys(defaults, TypeName + " messageDefaults", "sender", "to");
        var sender = defaults["sender"] ?? "webnotifier@localhost";
        var to = Recipients(defaults.GetSection("to"));
        var backend = section["backend"] ?? "console";
        switch (backend)
        {
            case "console":
                return new MailerComponent(output => new ConsoleMailer(output, sender, to), "console", configuration.ResourceName);
            case "file":
                var directory = section["directory"] ?? "mail";
                return new MailerComponent(_ => new FileMailer(directory, sender, to), $"files in {System.IO.Path.GetFullPath(directory)}", configuration.ResourceName);
            case "smtp":
                var host = section["host"] is { Length: > 0 } h ? h : throw ConfigurationValues.MissingRequired(section, "host", "SMTP server host name");
                var port = ConfigurationValues.Exists(section, "port") ? ConfigurationValues.Parse<int>(section.GetSection("port"), "port number") : 25;
                if (port is < 1 or > 65535)
                {
                    throw ConfigurationValues.InvalidValue(section.GetSection("port"), "port number (1-65535)");
                }

                var security = (section["security"] ?? "auto").ToLowerInvariant() switch
                {
                    "auto" => SecureSocketOptions.Auto,
                    "none" => SecureSocketOptions.None,
                    "starttls" => SecureSocketOptions.StartTls,
                    "ssl" => SecureSocketOptions.SslOnConnect,
                    _ => throw ConfigurationValues.InvalidValue(section.GetSection("security"), "TLS mode (auto, none, starttls or ssl)"),
                };
                var options = new SmtpMailerOptions(host, port, security, section["username"], section["password"]);
                return new MailerComponent(_ => new SmtpMailer(options, sender, to), $"SMTP {host}:{port}", configuration.ResourceName);
            default:
                throw ConfigurationValues.InvalidValue(section.GetSection("backend"), "mail backend (console, file or smtp)");
        }
    }

    private static string[] Recipients(IConfigurationSection to)
    {
        if (to.Value is { Length: > 0 } single)
        {
            return [single];
        }

        var list = to.GetChildren().Select(c => c.Value).OfType<string>().ToArray();
        return list.Length > 0 ? list : ["webnotifier@localhost"];
    }

    /// <inheritdoc />
    public override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
    {
        context.AddResource(createMailer(ConsoleOutput ?? Console.Out), resourceName);
        context.LoggerFactory.CreateLogger("WebNotifier.Mailer").LogInformation("Mailer ready: {Backend}", description);
        return ValueTask.CompletedTask;
    }
}

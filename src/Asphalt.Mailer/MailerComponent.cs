using Asphalt;
using MailKit.Security;
using Microsoft.Extensions.Logging;

namespace Asphalt.Mailer;

/// <summary>
/// Publishes a <see cref="Mailer"/> for the configured backend (Asphalt's mailer component).
/// Options: <see cref="MailerOptions"/>.
/// </summary>
[Component("mailer")]
public sealed partial class MailerComponent(MailerOptions options)
{
    /// <summary>Creates the configured backend's mailer, published as <see cref="Mailer"/> <c>"default"</c>.</summary>
    /// <param name="context">The component's context, for its logger.</param>
    /// <returns>The mailer.</returns>
    [return: Resource]
    public Mailer StartAsync(Context context)
    {
        var defaults = options.MessageDefaults;
        (Mailer mailer, string description) = options.Backend switch
        {
            MailBackend.File => (new FileMailer(options.Directory, defaults.Sender, defaults.To), $"files in {System.IO.Path.GetFullPath(options.Directory)}"),
            MailBackend.Smtp => (new SmtpMailer(Smtp(), defaults.Sender, defaults.To), $"SMTP {options.Host}:{options.Port}"),
            _ => ((Mailer)new ConsoleMailer(Console.Out, defaults.Sender, defaults.To), "console"),
        };
        context.LoggerFactory.CreateLogger("Asphalt.Mailer").LogInformation("Mailer ready: {Backend}", description);
        return mailer;
    }

    private SmtpMailerOptions Smtp()
    {
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new InvalidOperationException("The smtp mail backend needs the SMTP server's host name: set the mailer's 'host' option.");
        }

        var security = options.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        return new SmtpMailerOptions(options.Host, options.Port, security, options.Username, options.Password);
    }
}

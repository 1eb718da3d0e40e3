using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Asphalt.Mailer;

/// <summary>Delivers by SMTP with MailKit, one connection per message (changes are rare).</summary>
public sealed class SmtpMailer(SmtpMailerOptions options, string sender, IReadOnlyList<string> to) : Mailer(sender, to)
{
    /// <inheritdoc />
    public override async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
        if (options.Username is { Length: > 0 } username)
        {
            await client.AuthenticateAsync(username, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace WebNotifier;

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

/// <summary>Where and how <see cref="SmtpMailer"/> connects.</summary>
/// <param name="Host">The SMTP server.</param>
/// <param name="Port">Its port (25, 465 or 587 usually).</param>
/// <param name="Security">TLS: <c>auto</c> (STARTTLS when offered, TLS on 465), <c>none</c>, <c>starttls</c> or <c>ssl</c>.</param>
/// <param name="Username">The login, or null to send without authenticating.</param>
/// <param name="Password">The password (give it with <c>${env:...}</c> or <c>${file:...}</c>).</param>
public sealed record SmtpMailerOptions(string Host, int Port, SecureSocketOptions Security, string? Username, string? Password);

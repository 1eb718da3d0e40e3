using MimeKit;

namespace Asphalt.Mailer;

/// <summary>
/// Sends mail (the resource of Asphalt's mailer component): builds a message from the defaults
/// (sender, recipients) and delivers it through a backend.
/// </summary>
public abstract class Mailer(string sender, IReadOnlyList<string> to)
{
    /// <summary>The default sender.</summary>
    public string Sender { get; } = sender;

    /// <summary>The default recipients.</summary>
    public IReadOnlyList<string> To { get; } = to;

    /// <summary>Builds a message from the defaults and delivers it.</summary>
    public Task CreateAndDeliverAsync(string subject, string htmlBody, string? textBody, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(Sender));
        foreach (var recipient in To)
        {
            message.To.Add(MailboxAddress.Parse(recipient));
        }

        message.Subject = subject;
        message.Body = new BodyBuilder { HtmlBody = htmlBody, TextBody = textBody }.ToMessageBody();
        return DeliverAsync(message, cancellationToken);
    }

    /// <summary>Delivers a complete message.</summary>
    public abstract Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken);
}

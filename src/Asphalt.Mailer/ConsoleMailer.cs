using MimeKit;

namespace Asphalt.Mailer;

/// <summary>Prints each message (headers and text body) instead of sending it: the out-of-the-box backend.</summary>
public sealed class ConsoleMailer(TextWriter output, string sender, IReadOnlyList<string> to) : Mailer(sender, to)
{
    /// <inheritdoc />
    public override async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var text = $"""
            ----- mail (console backend) -----
            From: {message.From}
            To: {message.To}
            Subject: {message.Subject}

            {message.TextBody}
            ----------------------------------
            """;
        await output.WriteLineAsync(text.AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}

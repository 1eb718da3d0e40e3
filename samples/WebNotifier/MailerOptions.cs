using System.ComponentModel.DataAnnotations;

namespace WebNotifier;

/// <summary>Where the mailer delivers.</summary>
public enum MailBackend
{
    /// <summary>Prints each mail on standard output.</summary>
    Console,

    /// <summary>Writes each mail as an <c>.eml</c> file.</summary>
    File,

    /// <summary>Sends each mail through an SMTP server.</summary>
    Smtp,
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it (MailKit's choice).</summary>
    Auto,

    /// <summary>Plain text.</summary>
    None,

    /// <summary>STARTTLS, required.</summary>
    StartTls,

    /// <summary>TLS from the first byte.</summary>
    Ssl,
}

/// <summary>Sender and recipients of every mail.</summary>
public sealed class MessageDefaults
{
    public string Sender { get; set; } = "webnotifier@localhost";

    public string[] To { get; set; } = ["webnotifier@localhost"];
}

/// <summary>The mailer's options: the backend and, for SMTP and files, where to.</summary>
public sealed class MailerOptions
{
    public MailBackend Backend { get; set; } = MailBackend.Console;

    /// <summary>The SMTP server (required for <see cref="MailBackend.Smtp"/>).</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Where the file backend writes (default <c>mail</c>).</summary>
    public string Directory { get; set; } = "mail";

    public MessageDefaults MessageDefaults { get; set; } = new();
}

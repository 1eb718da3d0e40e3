namespace Asphalt.Mailer;

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

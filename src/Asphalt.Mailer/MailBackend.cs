namespace Asphalt.Mailer;

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

using System.ComponentModel.DataAnnotations;

namespace Asphalt.Mailer;

/// <summary>The mailer's options: the backend and, for SMTP and files, where to.</summary>
public sealed class MailerOptions
{
    /// <summary>Where mail goes: <c>console</c> (the default), <c>file</c> or <c>smtp</c>.</summary>
    public MailBackend Backend { get; set; } = MailBackend.Console;

    /// <summary>The SMTP server (required for <see cref="MailBackend.Smtp"/>).</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP server's port (default 25).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>How the SMTP connection is secured (default <see cref="SmtpSecurity.Auto"/>).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>The SMTP login, or null to send without authenticating.</summary>
    public string? Username { get; set; }

    /// <summary>The SMTP password: give it with <c>${env:...}</c> or <c>${file:...}</c>, never in the file.</summary>
    public string? Password { get; set; }

    /// <summary>Where the file backend writes (default <c>mail</c>).</summary>
    public string Directory { get; set; } = "mail";

    /// <summary>Sender and recipients of every mail.</summary>
    public MessageDefaults MessageDefaults { get; set; } = new();
}

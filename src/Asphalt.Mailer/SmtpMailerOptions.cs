using MailKit.Security;

namespace Asphalt.Mailer;

/// <summary>Where and how <see cref="SmtpMailer"/> connects.</summary>
/// <param name="Host">The SMTP server.</param>
/// <param name="Port">Its port (25, 465 or 587 usually).</param>
/// <param name="Security">TLS: <c>auto</c> (STARTTLS when offered, TLS on 465), <c>none</c>, <c>starttls</c> or <c>ssl</c>.</param>
/// <param name="Username">The login, or null to send without authenticating.</param>
/// <param name="Password">The password (give it with <c>${env:...}</c> or <c>${file:...}</c>).</param>
public sealed record SmtpMailerOptions(string Host, int Port, SecureSocketOptions Security, string? Username, string? Password)
{
    // A record prints every member: the password must not reach a log or an exception message that way.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Port = {Port}, Security = {Security}, Username = {Username}, Password = {(Password is null ? "null" : "***")}");
        return true;
    }
}

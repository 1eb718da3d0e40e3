namespace Asphalt.Mailer;

/// <summary>Sender and recipients of every mail.</summary>
public sealed class MessageDefaults
{
    /// <summary>The sender's address.</summary>
    public string Sender { get; set; } = "asphalt@localhost";

    /// <summary>The recipients' addresses.</summary>
    public string[] To { get; set; } = ["asphalt@localhost"];
}

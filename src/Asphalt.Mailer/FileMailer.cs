using MimeKit;

namespace Asphalt.Mailer;

/// <summary>Writes each message as an <c>.eml</c> file into a folder (open it with any mail program).</summary>
public sealed class FileMailer(string directory, string sender, IReadOnlyList<string> to) : Mailer(sender, to)
{
    private int _count;

    /// <summary>The folder the messages go to.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <inheritdoc />
    public override async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var number = Interlocked.Increment(ref _count);
        var path = Path.Combine(Directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{number:D4}.eml");
        await using var file = File.Create(path);
        await message.WriteToAsync(file, cancellationToken);
    }
}

using Asphalt;
using Asphalt.Mailer;
using Microsoft.Extensions.Logging;

namespace WebNotifier;

/// <summary>
/// The root: declares the <c>detector</c> and <c>mailer</c> children, streams the detector's
/// <see cref="Detector.Changed"/> signal and mails each change as an HTML diff. Options:
/// <see cref="NotifierOptions"/>.
/// </summary>
[Component("webnotifier")]
[ChildComponent<ChangeDetectorComponent>("detector")]
[ChildComponent<MailerComponent>("mailer")]   // from the Asphalt.Mailer package
public sealed partial class ApplicationComponent(NotifierOptions options) : CliApplicationComponent
{
    public async Task<int> RunAsync(
        [Resource(NameOption = nameof(NotifierOptions.Detector))] Detector detector,
        [Resource(NameOption = nameof(NotifierOptions.Mailer))] Mailer mailer,
        Context context,
        CancellationToken cancellationToken)
    {
        var logger = context.LoggerFactory.CreateLogger("WebNotifier.Application");

        // The first MoveNextAsync subscribes before it awaits, so "Watching" is only logged once no change can be missed.
        await using var changes = detector.Changed.StreamEvents().GetAsyncEnumerator(cancellationToken);
        var next = changes.MoveNextAsync();
        logger.LogInformation("Watching {Url} for changes", DisplayUrl.Of(detector.Url));
        var sent = 0;
        try
        {
            while (await next)
            {
                var change = changes.Current;
                var subject = $"Change detected in {DisplayUrl.Of(change.Source.Url)}";
                await mailer.CreateAndDeliverAsync(subject, HtmlDiff.ToHtml(change.Diff, DisplayUrl.Of(change.Source.Url)), HtmlDiff.ToText(change.Diff), cancellationToken);
                logger.LogInformation("Sent notification email: {Subject}", subject);
                if (++sent == options.MaxChanges)
                {
                    return 0;
                }

                next = changes.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by Ctrl+C or SIGTERM: a normal end.
        }

        return 0;
    }
}

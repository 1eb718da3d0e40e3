using Asphalt;
using Asphalt.Configuration;
using Microsoft.Extensions.Logging;

namespace WebNotifier;

/// <summary>
/// The root: declares the <c>detector</c> and <c>mailer</c> children, streams the detector's
/// <see cref="Detector.Changed"/> signal and mails each change as an HTML diff. Options:
/// <c>detector</c> and <c>mailer</c> (which resources to use, default <c>default</c>) and
/// <c>maxChanges</c> (stop after that many mails; 0, the default, runs until stopped).
/// </summary>
public sealed class ApplicationComponent(string detectorName, string mailerName, int maxChanges) : CliApplicationComponent
{
    /// <summary>The registry alias.</summary>
    public const string Alias = "webnotifier";

    /// <summary>Creates the component from its configuration (what generated binding does).</summary>
    public static ApplicationComponent Create(ComponentConfiguration configuration)
    {
        var section = configuration.Section;
        ConfigurationValues.CheckKeys(section, typeof(ApplicationComponent).FullName!, "type", "components", "detector", "mailer", "maxChanges");
        var maxChanges = ConfigurationValues.Exists(section, "maxChanges")
            ? ConfigurationValues.Parse<int>(section.GetSection("maxChanges"), "number of changes (0 for no limit)")
            : 0;
        if (maxChanges < 0)
        {
            throw ConfigurationValues.InvalidValue(section.GetSection("maxChanges"), "number of changes (0 for no limit)");
        }

        return new ApplicationComponent(section["detector"] ?? ResourceKey.DefaultName, section["mailer"] ?? ResourceKey.DefaultName, maxChanges);
    }

    /// <inheritdoc />
    public override async Task<int?> RunAsync(Context context, CancellationToken cancellationToken)
    {
        var logger = context.LoggerFactory.CreateLogger("WebNotifier.Application");
        var detector = await context.GetResourceAsync<Detector>(detectorName, cancellationToken);
        var mailer = await context.GetResourceAsync<Mailer>(mailerName, cancellationToken);

        // The first MoveNextAsync subscribes before it awaits, so "Watching" is only logged once no change can be missed.
        await using var changes = detector.Changed.StreamEvents().GetAsyncEnumerator(cancellationToken);
        var next = changes.MoveNextAsync();
        logger.LogInformation("Watching {Url} for changes", detector.Url);
        var sent = 0;
        try
        {
            while (await next)
            {
                var change = changes.Current;
                var subject = $"Change detected in {change.Source.Url}";
                await mailer.CreateAndDeliverAsync(subject, HtmlDiff.ToHtml(change.Diff, change.Source.Url), HtmlDiff.ToText(change.Diff), cancellationToken);
                logger.LogInformation("Sent notification email: {Subject}", subject);
                if (++sent == maxChanges)
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

using Asphalt.CommandLine;
using Asphalt.Configuration;

namespace WebNotifier;

/// <summary>
/// The application's definition for the command line: written by hand here, in exactly the shape
/// the source generator is to emit for a <c>[Component]</c> root (see docs/configuration.md,
/// "What the generator emits").
/// </summary>
public static class WebNotifierDefinition
{
    private const string DetectorType = "WebNotifier.Detector";
    private const string MailerType = "WebNotifier.Mailer";

    /// <summary>The registered component types: the alias → factory table, children and resources.</summary>
    public static ComponentTypes ComponentTypes() =>
    [
        new ComponentTypeInfo(ApplicationComponent.Alias, typeof(ApplicationComponent).FullName!, ApplicationComponent.Create)
        {
            Children = [new("detector", ChangeDetectorComponent.Alias), new("mailer", MailerComponent.Alias)],
            Consumes = [new(DetectorType) { NameOption = "detector" }, new(MailerType) { NameOption = "mailer" }],
        },
        new ComponentTypeInfo(ChangeDetectorComponent.Alias, typeof(ChangeDetectorComponent).FullName!, ChangeDetectorComponent.Create)
        {
            Provides = [new(DetectorType)],
        },
        new ComponentTypeInfo(MailerComponent.Alias, typeof(MailerComponent).FullName!, MailerComponent.Create)
        {
            Provides = [new(MailerType)],
        },
        new ComponentTypeInfo(DemoPageComponent.Alias, typeof(DemoPageComponent).FullName!, DemoPageComponent.Create)
        {
            Provides = [new("System.Uri", DemoPageComponent.Alias)],
        },
    ];

    /// <summary>The definition <c>Program.cs</c> passes to <see cref="AsphaltCommandLine.RunAsync"/>.</summary>
    public static ApplicationDefinition Create() => new()
    {
        Name = "webnotifier",
        Description = "Watches a web page and mails every change (Asphalt's tutorial 2).",
        ComponentTypes = ComponentTypes(),
        RootType = ApplicationComponent.Alias,
        EnvironmentPrefix = "WEBNOTIFIER_",
    };
}

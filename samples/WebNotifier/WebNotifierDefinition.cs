using Asphalt.CommandLine;

namespace WebNotifier;

/// <summary>The application's definition for the command line: the generated one, with the sample's name and settings.</summary>
public static class WebNotifierDefinition
{
    /// <summary>The definition <c>Program.cs</c> passes to <see cref="AsphaltCommandLine.RunAsync"/>.</summary>
    public static ApplicationDefinition Create() => ApplicationComponent.Definition with
    {
        Name = "webnotifier",
        Description = "Watches a web page and mails every change (Asphalt's tutorial 2).",
        EnvironmentPrefix = "WEBNOTIFIER_",
    };
}

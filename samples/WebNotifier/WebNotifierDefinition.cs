using Asphalt.CommandLine;
using Asphalt.Generated;

namespace WebNotifier;

/// <summary>The application's definition for the command line; the component types are generated.</summary>
public static class WebNotifierDefinition
{
    /// <summary>The definition <c>Program.cs</c> passes to <see cref="AsphaltCommandLine.RunAsync"/>.</summary>
    public static ApplicationDefinition Create() => new()
    {
        Name = "webnotifier",
        Description = "Watches a web page and mails every change (Asphalt's tutorial 2).",
        ComponentTypes = ComponentRegistry.CreateTypes(),
        RootType = "webnotifier",
        EnvironmentPrefix = "WEBNOTIFIER_",
    };
}

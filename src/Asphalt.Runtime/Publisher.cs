namespace Asphalt;

/// <summary>
/// Who published a resource or registered a factory: the component's path, worded only when a
/// message needs it (a conflict, a log line, a resource event), not for every publication.
/// </summary>
internal readonly struct Publisher(string? componentPath, bool isFactory = false)
{
    /// <summary>The publisher of code running now: the current component, if any.</summary>
    public static Publisher Current => new(ComponentNode.Current?.Path);

    /// <summary>The same publisher, as the registrant of a factory whose value this is.</summary>
    public Publisher AsFactory => new(componentPath, isFactory: true);

    /// <summary>For example <c>component 'app/db'</c> or <c>code outside any component (factory)</c>.</summary>
    public override string ToString()
    {
        var who = componentPath is not null ? $"component '{componentPath}'" : "code outside any component";
        return isFactory ? who + " (factory)" : who;
    }
}

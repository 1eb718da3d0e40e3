using Microsoft.Extensions.Configuration;

namespace Asphalt;

/// <summary>What the configuration reload needs of a <see cref="Reloadable{TOptions}"/>, whatever its options type.</summary>
internal interface IReloadableOptions
{
    /// <summary>The configuration path of the component's section (<c>component:components:greeter</c>); null when the value never changes.</summary>
    string? SectionPath { get; }

    /// <summary>Binds and validates <paramref name="section"/>; when valid and different, makes it current and dispatches it.</summary>
    /// <exception cref="ConfigurationBindingException">The new section is invalid; nothing changed.</exception>
    ValueTask<ReloadOutcome> ReloadAsync(IConfigurationSection section);
}

/// <summary>What a reload did to one component's options.</summary>
internal enum ReloadOutcome
{
    /// <summary>The section is the same as the value in force: nothing to do.</summary>
    Unchanged,

    /// <summary>A new value was accepted and dispatched.</summary>
    Changed,
}

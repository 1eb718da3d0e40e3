namespace Asphalt.Configuration;

/// <summary>
/// Creates a component from its configuration: binds its options from
/// <see cref="ComponentConfiguration.Section"/> and constructs it, without adding children (the
/// tree builder adds the children the configuration and the code declare).
/// </summary>
/// <exception cref="ConfigurationBindingException">An option is unknown, missing or has a bad value.</exception>
public delegate Component ComponentFactory(ComponentConfiguration configuration);

namespace Asphalt.Configuration;

/// <summary>
/// Asphalt's named services: a top-level <c>services:</c> mapping of name → configuration merged
/// over the rest of the top level. The service is chosen by <c>--service</c>, then the
/// <see cref="EnvironmentVariable"/>, then the only one defined, then the one named <c>default</c>.
/// A top-level <c>component:</c> counts as a service named <c>default</c> when none has that name (Asphalt's rule).
/// </summary>
public static class ServiceSelector
{
    /// <summary>The environment variable that selects a service when <c>--service</c> is not given.</summary>
    public const string EnvironmentVariable = "ASPHALT_SERVICE";

    /// <summary>The top-level key holding the services.</summary>
    public const string ServicesKey = "services";

    /// <summary>The service chosen when several exist and none is selected.</summary>
    public const string DefaultService = "default";

    /// <summary>
    /// Removes <c>services:</c> from <paramref name="root"/> and merges the selected service over it.
    /// </summary>
    /// <returns>The selected service's name, or null when the configuration has no services.</returns>
    internal static string? Apply(ConfigMapping root, string? requested, string requestedFrom, List<ConfigurationError> errors)
    {
        var servicesNode = root[ServicesKey];
        var servicesLocation = root.LocationOf(ServicesKey);
        root.Remove(ServicesKey);
        if (servicesNode is null)
        {
            if (requested is not null && requested != DefaultService)
            {
                errors.Add(new ConfigurationError(new SourceLocation(requestedFrom), ServicesKey,
                    $"Service '{requested}' has not been defined: the configuration has no 'services:' section (remove {requestedFrom}, or define services)"));
            }

            return null;
        }

        if (servicesNode is ConfigScalar { Value: null })
        {
            servicesNode = new ConfigMapping(servicesLocation); // 'services:' with nothing under it.
        }

        if (servicesNode is not ConfigMapping services)
        {
            errors.Add(new ConfigurationError(servicesLocation, ServicesKey,
                Trees.ConfigurationText.ServicesNotMapping(ConfigScalar.Describe(servicesNode))));
            return null;
        }

        // As in Asphalt, a top-level 'component:' makes the top level itself a service named 'default'
        // when no service has that name (here it is also the base every service merges over).
        var implicitDefault = !services.Entries.ContainsKey(DefaultService) && root[LoadedConfiguration.ComponentKey] is not null;
        List<string> names = [.. services.Entries.Keys];
        if (implicitDefault)
        {
            names.Add(DefaultService);
        }

        var defined = string.Join(", ", names);
        string name;
        if (requested is not null)
        {
            name = requested;
        }
        else if (names.Count == 1)
        {
            name = names[0];
        }
        else if (names.Count == 0)
        {
            errors.Add(new ConfigurationError(servicesLocation, ServicesKey, "No services have been defined (define at least one, or remove the key)"));
            return null;
        }
        else if (names.Contains(DefaultService, StringComparer.OrdinalIgnoreCase))
        {
            name = DefaultService;
        }
        else
        {
            errors.Add(new ConfigurationError(servicesLocation, ServicesKey,
                $"Multiple services present in configuration but no default service has been defined and no service was explicitly selected with --service or {EnvironmentVariable} (defined: {defined})"));
            return null;
        }

        if (implicitDefault && string.Equals(name, DefaultService, StringComparison.OrdinalIgnoreCase))
        {
            return DefaultService;
        }

        switch (services[name])
        {
            case null:
                errors.Add(new ConfigurationError(new SourceLocation(requestedFrom), ServicesKey,
                    $"Service '{name}' has not been defined (defined: {defined})"));
                return null;
            case ConfigMapping service:
                ConfigurationMerger.MergeInto(root, service);
                return name;
            case ConfigScalar { Value: null }:
                return name;
            case var other:
                errors.Add(new ConfigurationError(services.LocationOf(name), KeyPath.Join([ServicesKey, name]),
                    $"a service's configuration must be a mapping, not {ConfigScalar.Describe(other)}"));
                return null;
        }
    }
}

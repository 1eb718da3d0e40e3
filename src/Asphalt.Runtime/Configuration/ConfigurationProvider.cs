using Microsoft.Extensions.Configuration;

namespace Asphalt.Configuration;

/// <summary>
/// Serves Asphalt's merged configuration through <see cref="Microsoft.Extensions.Configuration"/>:
/// the flattened keys (<c>component:components:mailer:host</c>) of the tree built from files,
/// services, environment variables and <c>--set</c>.
/// </summary>
internal sealed class AsphaltConfigurationProvider(IReadOnlyDictionary<string, string?> data)
    : Microsoft.Extensions.Configuration.ConfigurationProvider, IConfigurationSource
{
    public override void Load()
    {
        Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}

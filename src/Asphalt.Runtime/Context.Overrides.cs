using Microsoft.Extensions.Logging;

namespace Asphalt;

// Resource overrides: stand-ins that tests put in place of what the components would publish.
public sealed partial class Context
{
    private HashSet<ResourceKey>? _overrides; // Under _gate.

    /// <summary>
    /// Publishes <paramref name="value"/> as resource <typeparamref name="T"/> <paramref name="name"/>
    /// and keeps it there: a later publication of the same type and name in this context (by a
    /// component of the tree under test) is ignored, with a Debug log line, and a resource factory
    /// for it is not registered. For tests, to put a stand-in in place of a real resource.
    /// </summary>
    /// <remarks>A real value that is ignored is still disposed at teardown if it was published as
    /// owned: the component that made it expects so.</remarks>
    /// <param name="value">The stand-in.</param>
    /// <param name="name">Its name: an identifier.</param>
    /// <exception cref="ResourceConflictException">A resource of the same type and name is already published here.</exception>
    public void OverrideResource<T>(T value, string name = ResourceKey.DefaultName)
        where T : notnull
    {
        AddResource(value, name);
        lock (_gate)
        {
            (_overrides ??= []).Add(new ResourceKey(typeof(T), name));
        }
    }

    // Called under _gate: the types of a publication that are not overridden (all of them, without allocating, when none is).
    private Type[] WithoutOverridden(Type[] types, string name, Publisher publisher)
    {
        if (_overrides is null)
        {
            return types;
        }

        var kept = Array.FindAll(types, type => !_overrides.Contains(new ResourceKey(type, name)));
        if (kept.Length != types.Length && _logger.IsEnabled(LogLevel.Debug))
        {
            foreach (var type in types)
            {
                if (Array.IndexOf(kept, type) < 0)
                {
                    Log.OverriddenResourceIgnored(_logger, publisher.ToString(), new ResourceKey(type, name));
                }
            }
        }

        return kept;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Asphalt.Configuration;

/// <summary>
/// Applies a changed configuration to a running tree, where that is safe: the options of components that
/// took <see cref="Reloadable{TOptions}"/>. Everything else that changed (another component's options, a
/// <c>type:</c>, a component added or removed, the runner's settings) is named in one warning and left
/// alone. docs/operations.md, "Changing configuration without a restart", describes what an operator sees.
/// </summary>
/// <param name="running">The configuration the tree was built from: what the non-reloadable parts still run with.</param>
/// <param name="root">The running tree.</param>
/// <param name="load">Loads and merges the configuration again exactly as at start (files, substitutions, <c>--set</c>).</param>
/// <param name="plan">The configured tree's components (path and type) of a configuration, as <c>graph</c> computes them.</param>
internal sealed class ConfigurationReload(LoadedConfiguration running, Component root, Func<LoadedConfiguration> load, Func<LoadedConfiguration, WiringPlan> plan)
{
    // Both taken at the first reload: by then start-up has given every component its path (the root's
    // alias is the application's), and planning the running tree stays off the start-up path.
    private List<(string Path, string SectionPath, IReloadableOptions Options)>? _reloadable;
    private Dictionary<string, string>? _runningTypes;

    /// <summary>Whether any component of the tree took reloadable options; without one, nothing is watched.</summary>
    public bool HasReloadableOptions { get; } = Collect(root).Count > 0;

    /// <summary>Loads the configuration again and applies what can be applied; logs what cannot.</summary>
    public async Task ReloadAsync(ILogger logger)
    {
        LoadedConfiguration changed;
        try
        {
            changed = load();
        }
        catch (ConfigurationException failure)
        {
            // The loader redacts what its errors quote, as at start.
            ReloadLog.NotLoaded(logger, running.Redact(failure.Message));
            return;
        }

        Dictionary<string, string> changedTypes;
        try
        {
            changedTypes = TypesByPath(plan(changed));
        }
        catch (ConfigurationException failure)
        {
            // A tree start-up could not read (an unknown type, a bad shape): nothing of it is applied.
            ReloadLog.NotLoaded(logger, Redact(failure.Message, changed));
            return;
        }

        // A reloadable component removed, or replaced by another type, is a change of the tree: its new section is not its options.
        var runningTypes = _runningTypes ??= TypesByPath(plan(running));
        var inTree = (_reloadable ??= Collect(root)).Where(r => changedTypes.TryGetValue(r.Path, out var type) && type == runningTypes.GetValueOrDefault(r.Path)).ToList();
        var needsRestart = ChangedKeys(running, changed)
            .Where(key => !inTree.Any(r => ReloadableSection.Owns(r.SectionPath, key)))
            .Select(KeyPath.FromConfigurationPath)
            .ToList();
        if (needsRestart.Count > 0)
        {
            ReloadLog.NeedsRestart(logger, Redact(string.Join(", ", needsRestart), changed));
        }

        var errors = new List<ConfigurationError>();
        foreach (var (path, sectionPath, options) in inTree)
        {
            try
            {
                if (await options.ReloadAsync(changed.Configuration.GetSection(sectionPath)).ConfigureAwait(false) == ReloadOutcome.Changed)
                {
                    ReloadLog.Applied(logger, path);
                }
            }
            catch (ConfigurationBindingException failure)
            {
                errors.AddRange(ComponentTree.BindingErrors(failure, changed));
            }
            catch (Exception failure)
            {
                // A hand-written binding that throws instead of reporting: this component keeps its value, the others go on.
                ReloadLog.NotLoaded(logger, Redact($"component '{path}': {failure.GetType().Name}: {failure.Message}", changed));
            }
        }

        if (errors.Count > 0)
        {
            // The same text start-up prints for this configuration (ConfigurationException's list of located errors).
            ReloadLog.Rejected(logger, Redact(new ConfigurationException(ComponentTree.InSourceOrder(errors)).Message, changed));
        }
    }

    // A secret may be new in this configuration or known from the running one: neither reaches the log.
    private string Redact(string text, LoadedConfiguration changed) => running.Redact(changed.Redact(text));

    /// <summary>Redacts the running configuration's secrets from <paramref name="text"/>.</summary>
    public string Redact(string text) => running.Redact(text);

    /// <summary>The keys whose value differs, spelled as the configuration that has them wrote them; sections only as their leaves.</summary>
    private static IEnumerable<string> ChangedKeys(LoadedConfiguration before, LoadedConfiguration after)
    {
        var old = before.Configuration.AsEnumerable().ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var now = after.Configuration.AsEnumerable().ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in old.Keys.Concat(now.Keys))
        {
            for (var end = key.LastIndexOf(':'); end > 0; end = key.LastIndexOf(':', end - 1))
            {
                if (!sections.Add(key[..end]))
                {
                    break; // Its parents were added with it.
                }
            }
        }

        foreach (var key in old.Keys.Union(now.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var inOld = old.TryGetValue(key, out var was);
            var inNow = now.TryGetValue(key, out var value);
            if ((inOld && inNow && was == value) || sections.Contains(key))
            {
                continue;
            }

            yield return inNow ? after.AsWritten(key) : before.AsWritten(key);
        }
    }

    private static Dictionary<string, string> TypesByPath(WiringPlan plan) =>
        plan.Components.ToDictionary(c => c.Path, c => c.Type, StringComparer.Ordinal);

    private static List<(string, string, IReloadableOptions)> Collect(Component root)
    {
        var found = new List<(string, string, IReloadableOptions)>();
        Visit(root, root.Path ?? TreeRootName);
        return found;

        void Visit(Component component, string path)
        {
            foreach (var options in component.ReloadableOptions ?? [])
            {
                if (options.SectionPath is { } sectionPath)
                {
                    found.Add((component.Path ?? path, sectionPath, options));
                }
            }

            foreach (var child in component.Children)
            {
                Visit(child.Component, path + "/" + child.Alias);
            }
        }
    }

    private const string TreeRootName = Trees.TreeRules.RootAlias;
}

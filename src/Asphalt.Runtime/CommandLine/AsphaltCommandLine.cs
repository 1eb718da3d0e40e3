using System.CommandLine;
using System.Text;
using System.Text.Json;
using Asphalt.Configuration;
using Asphalt.Trees;

namespace Asphalt.CommandLine;

/// <summary>
/// The application's command line (Asphalt's <c>asphalt run</c>), one line in <c>Program.cs</c>:
/// <code>return await AsphaltCommandLine.RunAsync(args, definition);</code>
/// <list type="bullet">
/// <item><c>run [-c FILE]... [--set K=V]... [--service NAME]</c>: loads the configuration, builds the component tree and runs it;</item>
/// <item><c>graph [--format mermaid|dot|json]</c>: prints the configured tree's components, resources and start order;</item>
/// <item><c>check</c>: validates the configuration against the component types, their options and the resource graph, starts nothing, exits 0 or 1 listing every error.</item>
/// </list>
/// Exit codes: what the application returns for <c>run</c> (see <see cref="Application"/>: 0 after
/// Ctrl+C/SIGTERM, also during start-up); 0/1 for <c>check</c> and <c>graph</c>; 1 for invalid
/// configuration; 2 for a command line that does not parse. <c>run</c> handles SIGINT/SIGTERM from
/// before it loads the configuration.
/// </summary>
public static class AsphaltCommandLine
{
    /// <summary>The exit code of a command line that does not parse.</summary>
    public const int ExitUsage = 2;

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    /// <param name="args">The process's arguments.</param>
    /// <param name="definition">The application (generated or hand-written).</param>
    /// <param name="settings">Where to read and write; the process's console and environment when null.</param>
    /// <param name="cancellationToken">Stops <c>run</c> like SIGTERM.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(
        string[] args, ApplicationDefinition definition, CommandLineSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(definition);
        settings ??= new CommandLineSettings();
        var output = settings.Output ?? Console.Out;
        var error = settings.Error ?? Console.Error;
        var root = BuildCommands(definition, settings, output, error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"{definition.Name}: {problem.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"Run '{definition.Name} --help' for the commands and options.").ConfigureAwait(false);
            return ExitUsage;
        }

        // The runner handles SIGINT/SIGTERM itself (clean teardown); System.CommandLine must not.
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private sealed record ConfigurationOptions(Option<string[]> Files, Option<string[]> Sets, Option<string?> Service);

    private static RootCommand BuildCommands(ApplicationDefinition definition, CommandLineSettings settings, TextWriter output, TextWriter error)
    {
        var root = new RootCommand(definition.Description ?? $"{definition.Name}: an Asphalt application.");

        var run = new Command("run", "Load the configuration, start the component tree and run until it finishes or is stopped (Ctrl+C, SIGTERM).");
        var runOptions = AddConfigurationOptions(run);
        run.SetAction((parse, ct) => RunCommandAsync(definition, settings, Load(parse, runOptions, definition, settings), error, ct));

        var graph = new Command("graph", "Print the configured component tree, its resources and start order.");
        var graphOptions = AddConfigurationOptions(graph);
        var format = new Option<string>("--format", "-f")
        {
            Description = "mermaid (default), dot or json.",
            DefaultValueFactory = _ => "mermaid",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot", "json");
        var declared = new Option<bool>("--declared") { Description = "Print the wiring the build computed from code alone, ignoring configuration." };
        graph.Options.Add(format);
        graph.Options.Add(declared);
        graph.SetAction(parse => GraphCommand(definition, parse.GetValue(format)!, parse.GetValue(declared), Load(parse, graphOptions, definition, settings), output, error));

        var check = new Command("check", "Validate the configuration against the component types, their options and the resource graph; start nothing. Exits 0 or 1 listing every error.");
        var checkOptions = AddConfigurationOptions(check);
        var print = new Option<bool>("--print-config") { Description = "Also print the effective configuration, each key with where it was set (secrets as ***)." };
        var allServices = new Option<bool>("--all-services") { Description = "Check every service the configuration defines, not only the selected one." };
        check.Options.Add(print);
        check.Options.Add(allServices);
        check.SetAction(parse => parse.GetValue(allServices)
            ? CheckAllServices(definition, parse, checkOptions, settings, parse.GetValue(print), output, error)
            : CheckCommand(definition, Load(parse, checkOptions, definition, settings), parse.GetValue(print), output, error));

        root.Subcommands.Add(run);
        root.Subcommands.Add(graph);
        root.Subcommands.Add(check);
        return root;
    }

    private static ConfigurationOptions AddConfigurationOptions(Command command)
    {
        var files = new Option<string[]>("--config", "-c")
        {
            Description = "A YAML or JSON configuration file; repeat to merge several, later files win.",
            HelpName = "FILE",
            Arity = ArgumentArity.OneOrMore,
        };
        var sets = new Option<string[]>("--set")
        {
            Description = "Override one key after all files: path.to.key=value (the value is YAML; write '\\.' for a dot inside a key).",
            HelpName = "K=V",
            Arity = ArgumentArity.OneOrMore,
        };
        var service = new Option<string?>("--service", "-s")
        {
            Description = $"The service to run from the configuration's 'services:' (default: ${ServiceSelector.EnvironmentVariable}, the only one, or 'default').",
            HelpName = "NAME",
        };
        command.Options.Add(files);
        command.Options.Add(sets);
        command.Options.Add(service);
        return new ConfigurationOptions(files, sets, service);
    }

    private static Func<LoadedConfiguration> Load(ParseResult parse, ConfigurationOptions options, ApplicationDefinition definition, CommandLineSettings settings) =>
        () => CreateLoader(parse, options, definition, settings).Load();

    private static ConfigurationLoader CreateLoader(
        ParseResult parse, ConfigurationOptions options, ApplicationDefinition definition, CommandLineSettings settings, bool listServicesOnly = false)
    {
        var loader = new ConfigurationLoader
        {
            Service = parse.GetValue(options.Service),
            EnvironmentPrefix = definition.EnvironmentPrefix,
            Defaults = definition.Defaults,
            Environment = settings.Environment,
            ListServicesOnly = listServicesOnly,
        };
        loader.Files.AddRange(parse.GetValue(options.Files) ?? []);
        loader.Overrides.AddRange(parse.GetValue(options.Sets) ?? []);
        return loader;
    }

    private static async Task<int> RunCommandAsync(
        ApplicationDefinition definition, CommandLineSettings settings, Func<LoadedConfiguration> load, TextWriter error, CancellationToken cancellationToken)
    {
        // Before the configuration loads: a Ctrl+C or SIGTERM that arrives this early is remembered
        // and stops the application cleanly, rather than killing the process without a word.
        var signals = StopSignals.Register();
        try
        {
            return await RunCommandAsync(definition, settings, load, error, signals, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            signals?.Dispose();
        }
    }

    private static async Task<int> RunCommandAsync(
        ApplicationDefinition definition, CommandLineSettings settings, Func<LoadedConfiguration> load, TextWriter error, StopSignals? signals, CancellationToken cancellationToken)
    {
        // The same checks as 'check', all of them, before anything starts: a typo in a top-level key
        // or a resource nobody publishes must not start a half-working application.
        var result = LoadAndCheck(definition, load, definition.Name);
        if (!result.IsGood)
        {
            await error.WriteAsync(Report(definition.Name, result)).ConfigureAwait(false);
            await error.FlushAsync().ConfigureAwait(false);
            return Application.ExitFailure;
        }

        var (configuration, root) = (result.Configuration, result.Root);
        var options = new ApplicationOptions { RootAlias = definition.RootAlias };
        RunnerSettings.ApplyTo(configuration, options); // Its settings were checked with the rest.

        definition.ConfigureOptions?.Invoke(options);
        if (!options.HandleStopSignals)
        {
            signals?.Dispose(); // The application handles no signals: they act as they would without it.
            signals = null;
        }

        PlainConsoleLoggerFactory? ownedLogging = null;
        if (configuration.HasSecrets)
        {
            // Secrets never reach a log, whatever a component logs: wrap the logging the runner would use.
            var inner = options.LoggerFactory ?? (ownedLogging = new PlainConsoleLoggerFactory(options.MinimumLogLevel));
            options.UseRedactedLogging(new RedactingLoggerFactory(inner, configuration.Secrets));
        }

        // Configuration files are watched once the application has started, and only when some component
        // can take a new value (a file watch costs a thread and a watch per folder); see docs/operations.md.
        var reload = configuration.Files.Count == 0 ? null : new ConfigurationReload(configuration, root, load, Plan);
        var watcher = reload is { HasReloadableOptions: true } ? new ConfigurationFileWatcher(configuration.Files, new ReloadOnChange(reload).ReloadAsync) : null;
        options.Lifetime ??= new ApplicationLifetime();
        WiringPlan Plan(LoadedConfiguration loaded) => ComponentTree.Plan(loaded, definition.ComponentTypes, definition.RootType, definition.RootAlias);
        var watching = watcher is null ? default : options.Lifetime.Started.Register(() => ReloadOnChange.StartWatching(watcher));
        var stopWatching = watcher is null ? default : options.Lifetime.Stopping.Register(watcher.Stop); // No reload during teardown.
        try
        {
            return await Application.RunWithSignalsAsync(root, options, cancellationToken, signals).ConfigureAwait(false);
        }
        finally
        {
            await watching.DisposeAsync().ConfigureAwait(false);
            await stopWatching.DisposeAsync().ConfigureAwait(false);
            if (watcher is not null)
            {
                await watcher.DisposeAsync().ConfigureAwait(false);
            }

            ownedLogging?.Dispose();
        }
    }

    private static int GraphCommand(
        ApplicationDefinition definition, string format, bool declared, Func<LoadedConfiguration> load, TextWriter output, TextWriter error)
    {
        WiringPlan plan;
        LoadedConfiguration? configuration = null;
        if (declared)
        {
            if (definition.DeclaredPlan is not { } declaredPlan)
            {
                error.WriteLine($"{definition.Name}: this application has no build-time wiring plan (it is not generated); run 'graph' without --declared.");
                return Application.ExitFailure;
            }

            plan = declaredPlan;
        }
        else
        {
            // A graph of a configuration that 'check' and 'run' reject would show an application that cannot exist.
            var result = LoadAndCheck(definition, load, definition.Name);
            if (!result.IsGood)
            {
                WriteReport(error, Report(definition.Name, result));
                return Application.ExitFailure;
            }

            configuration = result.Configuration;
            plan = ComponentTree.ToPlan(result.Tree, result.Graph);
        }

        var text = format switch
        {
            "dot" => plan.Dot,
            "json" => GraphJson.Write(plan),
            _ => plan.Mermaid,
        };
        output.Write(configuration?.Redact(text) ?? text); // A resource name may come from a secret option.
        output.Flush();
        return Application.ExitSuccess;
    }

    private static int CheckCommand(
        ApplicationDefinition definition, Func<LoadedConfiguration> load, bool print, TextWriter output, TextWriter error, string? service = null)
    {
        var name = service is null ? definition.Name : $"{definition.Name} (service '{service}')";
        var result = LoadAndCheck(definition, load, name);
        if (result.Configuration is { } loaded && result.Unexpected is null && print)
        {
            output.Write(loaded.Dump());
        }

        if (!result.IsGood)
        {
            WriteReport(error, Report(name, result));
            return Application.ExitFailure;
        }

        // The tree and graph the check computed: no second read, and no graph text nobody prints.
        var graph = result.Graph;
        var selected = result.Configuration.Service is null ? "" : $", service '{result.Configuration.Service}'";
        output.WriteLine($"Configuration OK{selected}: {graph.Components.Count} components ({string.Join(", ", graph.Components.Select(c => c.Path))}), {graph.Resources.Count} resources.");
        output.Flush();
        return Application.ExitSuccess;
    }

    private static int CheckAllServices(
        ApplicationDefinition definition, ParseResult parse, ConfigurationOptions options, CommandLineSettings settings, bool print, TextWriter output, TextWriter error)
    {
        if (parse.GetValue(options.Service) is not null)
        {
            error.WriteLine($"{definition.Name}: --all-services checks every service; do not also select one with --service.");
            return AsphaltCommandLine.ExitUsage;
        }

        LoadedConfiguration first;
        try
        {
            first = CreateLoader(parse, options, definition, settings, listServicesOnly: true).Load();
        }
        catch (ConfigurationException failure)
        {
            WriteReport(error, FormatErrors(definition.Name, failure.Errors, null));
            return Application.ExitFailure;
        }

        if (first.DefinedServices.Count == 0)
        {
            return CheckCommand(definition, Load(parse, options, definition, settings), print, output, error);
        }

        var worst = Application.ExitSuccess;
        foreach (var service in first.DefinedServices)
        {
            output.WriteLine($"[service {service}]");
            var loader = CreateLoader(parse, options, definition, settings);
            loader.Service = service;
            var code = CheckCommand(definition, loader.Load, print, output, error, service);
            worst = Math.Max(worst, code);
        }

        return worst;
    }

    /// <summary>What loading and checking the configuration found; the commands print it and exit 1 unless it is <see cref="IsGood"/>.</summary>
    /// <param name="Configuration">The configuration; null when it could not be loaded.</param>
    /// <param name="Errors">Every problem found.</param>
    /// <param name="Root">The created (not started) tree when nothing was wrong.</param>
    /// <param name="Unexpected">The redacted report of an exception a component factory or check threw, printed in place of errors.</param>
    /// <param name="Tree">The configured tree the check read, when nothing was wrong.</param>
    /// <param name="Graph">Its resource graph, computed by the check, when nothing was wrong.</param>
    private sealed record CheckedConfiguration(
        LoadedConfiguration? Configuration, IReadOnlyList<ConfigurationError> Errors, Component? Root = null, string? Unexpected = null,
        TreeNode? Tree = null, TreeGraph? Graph = null)
    {
        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Configuration), nameof(Root), nameof(Tree), nameof(Graph))]
        public bool IsGood => Configuration is not null && Root is not null && Tree is not null && Graph is not null && Errors.Count == 0 && Unexpected is null;
    }

    /// <summary>
    /// How every command that loads configuration validates it, so <c>run</c>, <c>graph</c> and <c>check</c>
    /// accept and reject the same configurations: loading, then every check <c>check</c> documents. The
    /// components are created once, here; <c>run</c> starts these.
    /// </summary>
    private static CheckedConfiguration LoadAndCheck(ApplicationDefinition definition, Func<LoadedConfiguration> load, string name)
    {
        LoadedConfiguration configuration;
        try
        {
            configuration = load();
        }
        catch (ConfigurationException failure)
        {
            return new(null, failure.Errors);
        }

        try
        {
            var tree = ComponentTree.BuildAndCheck(configuration, definition.ComponentTypes, definition.RootType, definition.RootAlias);
            var errors = tree.Errors.Concat(definition.Checks.SelectMany(check => check(configuration))).ToList();
            return errors.Count == 0 ? new(configuration, errors, tree.Root, Tree: tree.Tree, Graph: tree.Graph) : new(configuration, errors);
        }
        catch (Exception failure) when (failure is not ConfigurationException)
        {
            // A component factory or check that throws: reported like System.CommandLine would, but redacted.
            return new(configuration, [], Unexpected: DescribeUnexpected(name, failure, configuration));
        }
    }

    // Written once, right before the command exits; the report is redacted as a whole.
    private static void WriteReport(TextWriter error, string report)
    {
        error.Write(report);
        error.Flush();
    }

    // Why a command refuses the configuration: an exception nobody expected, or the list of errors.
    private static string Report(string name, CheckedConfiguration result) =>
        result.Unexpected ?? FormatErrors(name, result.Errors, result.Configuration);

    // What System.CommandLine would print for an exception nobody expected, without the secrets a
    // component's message may quote.
    private static string DescribeUnexpected(string name, Exception failure, LoadedConfiguration? configuration)
    {
        var text = $"{name}: unhandled exception: {failure}{Environment.NewLine}";
        return configuration?.Redact(text) ?? text;
    }

    private static string FormatErrors(string name, IReadOnlyList<ConfigurationError> errors, LoadedConfiguration? configuration)
    {
        var text = new StringBuilder();
        text.Append(name).Append(": ").Append(new ConfigurationException(errors).Message).AppendLine();
        return configuration?.Redact(text.ToString()) ?? text.ToString();
    }
}

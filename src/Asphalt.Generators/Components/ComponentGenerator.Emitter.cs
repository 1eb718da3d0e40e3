using System.Collections.Generic;
using System.Linq;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.Components
{
    public sealed partial class ComponentGenerator
    {
        /// <summary><see cref="ComponentModel"/> → C#: the factory, the start-up overrides and the options binders.</summary>
        internal static partial class Emitter
        {
            private const string Configuration = "global::Microsoft.Extensions.Configuration.IConfiguration";
            private const string Section = "global::Microsoft.Extensions.Configuration.IConfigurationSection";
            private const string Values = "global::Asphalt.ConfigurationValues";
            private const string Context = "global::Asphalt.Context";
            private const string Token = "global::System.Threading.CancellationToken";
            private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
            private const string Problems = "global::Asphalt.ConfigurationProblems";
            private const string BindingException = "global::Asphalt.ConfigurationBindingException";
            private const string LoggerFactoryExtensions = "global::Microsoft.Extensions.Logging.LoggerFactoryExtensions";

            // Hides generated plumbing from IntelliSense, so a component lists the user's own members.
            private const string Hidden = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

            public static string HintName(ComponentModel model) => Literals.Identifier(model.Type.FullName).Replace("__", "_") + ".Component.g.cs";

            public static string Emit(ComponentModel model)
            {
                var writer = new SourceWriter();
                writer.WriteLine(GeneratorInfo.Header);
                Packages.ManifestEmitter.Write(writer, model); // So referencing assemblies treat it as their own.
                var scopes = new List<System.IDisposable>();
                if (model.Namespace.Length > 0)
                {
                    scopes.Add(writer.Block("namespace " + model.Namespace));
                }

                foreach (var outer in model.ContainingTypes)
                {
                    scopes.Add(writer.Block("partial " + outer.Keyword + " " + outer.Name));
                }

                var baseList = model.Base == ComponentBase.Added ? " : global::Asphalt.Component" : string.Empty;
                scopes.Add(writer.Block("partial class " + model.Name + baseList));
                EmitFactory(writer, model);
                EmitPrepare(writer, model);
                EmitStart(writer, model);
                EmitRun(writer, model);
                EmitBinders(writer, model);
                for (var i = scopes.Count - 1; i >= 0; i--)
                {
                    scopes[i].Dispose();
                }

                return writer.ToString();
            }

            // Create() is what Create(null) does, written without the configured-tree code: a call with no
            // configuration (the common App.Create()) binds to it, so a NativeAOT application that never
            // passes one does not link the tree builder (and the generic type loader its LINQ brings).
            private static void EmitDefaultFactory(SourceWriter writer, ComponentModel model)
            {
                writer.WriteLine("""
                    /// <summary>
                    /// Creates the component with its default options and the children declared in code:
                    /// the same as <c>Create(null)</c>.
                    /// </summary>
                    """);
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                using (writer.Block($"public static {model.Type.FullName} Create()"))
                {
                    writer.WriteLine("var __component = __CreateConfigured(null, \"default\");");
                    AddDeclaredChildren(writer, model, child => $"{child.Type.FullName}.Create()");
                    writer.WriteLine("return __component;");
                }
            }

            // One AddComponent per declared child; only how a generated child is created differs between factories.
            private static void AddDeclaredChildren(SourceWriter writer, ComponentModel model, System.Func<ChildDeclaration, string> createGenerated)
            {
                foreach (var child in model.Children)
                {
                    var create = child.Construction switch
                    {
                        ChildConstruction.Factory => createGenerated(child),
                        ChildConstruction.New => $"new {child.Type.FullName}()",
                        _ => NotGenerated(model, child),
                    };
                    writer.WriteLine($"__component.AddComponent({Literals.String(child.Alias)}, {create});");
                }
            }

            private static string NotGenerated(ComponentModel model, ChildDeclaration child) =>
                $"global::Asphalt.GeneratedChildren.NotGenerated({Literals.String(model.Type.DisplayName)}, {Literals.String(child.Alias)}, {Literals.String(child.Type.DisplayName)})";

            private static void EmitFactory(SourceWriter writer, ComponentModel model)
            {
                writer.WriteLine($"""
                    /// <summary>
                    /// Creates the component: binds its options from <paramref name="configuration"/> (its own section),
                    /// then adds its declared children and those configured under <c>components:</c>.
                    /// </summary>
                    /// <param name="configuration">The component's configuration section; null for defaults.</param>
                    /// <exception cref="global::Asphalt.ConfigurationBindingException">An unknown key, a bad value, a missing required key, or a <c>type:</c> naming another component type.</exception>
                    {GeneratorInfo.GeneratedCodeAttribute}
                    """);
                using (writer.Block($"public static {model.Type.FullName} Create({Configuration}? configuration = null)"))
                {
                    writer.WriteLine($"global::Asphalt.ConfigurationValues.CheckOwnType(configuration, {Literals.String(model.Alias)}, {Literals.String(model.Type.DisplayName)});");
                    writer.WriteLine("return __CreateTree(configuration, \"default\");");
                }
                writer.WriteLine();
                EmitDefaultFactory(writer, model);
                writer.WriteLine();
                writer.WriteLine("""
                    /// <summary>
                    /// <see cref="Create(global::Microsoft.Extensions.Configuration.IConfiguration)"/> for an instance configured as <c>alias/resourceName</c>: it publishes its
                    /// <c>"default"</c> resources under <paramref name="resourceName"/>.
                    /// </summary>
                    """);
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                writer.WriteLine(Hidden); // Public: the registry of an application that references this assembly calls it.
                using (writer.Block($"public static {model.Type.FullName} __CreateTree({Configuration}? configuration, string resourceName)"))
                {
                    writer.WriteLine("var __component = __CreateConfigured(configuration, resourceName);");
                    // Its configuration's 'type:' may replace the declared type, as on the command line; a 'type:' naming
                    // no registered type is reported by ConfiguredComponents.Add below, so the child is made through
                    // __CreateTree, not the public Create that refuses a section naming another type.
                    AddDeclaredChildren(writer, model, child =>
                        $"global::Asphalt.ConfiguredComponents.Replacement(configuration, {Literals.String(child.Alias)}, global::Asphalt.Generated.ComponentRegistry.Factory) ?? {child.Type.FullName}.__CreateTree(global::Asphalt.ConfigurationValues.ChildSection(configuration, {Literals.String(child.Alias)}), \"default\")");

                    var declared = string.Concat(model.Children.Select(c => ", " + Literals.String(c.Alias)));
                    writer.WriteLine("global::Asphalt.ConfiguredComponents.Add(__component, configuration, global::Asphalt.Generated.ComponentRegistry.Factory, global::Asphalt.Generated.ComponentRegistry.Aliases" + declared + ");");
                    writer.WriteLine("return __component;");
                }

                writer.WriteLine();
                writer.WriteLine("/// <summary>The name this instance publishes its <c>\"default\"</c> resources under (configuration's <c>alias/name</c>).</summary>");
                writer.WriteLine(Hidden);
                writer.WriteLine("private string __resourceName = \"default\";");
                if (model.HasBridgeStarters)
                {
                    writer.WriteLine();
                    writer.WriteLine("/// <summary>The signals configuration bridges (<c>bridges:</c>), started by the generated start.</summary>");
                    writer.WriteLine(Hidden);
                    writer.WriteLine("private global::System.Collections.Generic.IReadOnlyList<global::Asphalt.ConfiguredBridge> __configuredBridges = global::System.Array.Empty<global::Asphalt.ConfiguredBridge>();");
                }
                if (NamedByOption(model) && model.Constructor.FirstOrDefault(a => a.IsOptions) is { } optionsArgument)
                {
                    writer.WriteLine();
                    writer.WriteLine("/// <summary>The bound options, for the resource names that <c>[Resource(NameOption = ...)]</c> takes from them.</summary>");
                    writer.WriteLine(Hidden);
                    writer.WriteLine($"private {optionsArgument.Type.FullName}? __options;");
                }

                writer.WriteLine();
                writer.WriteLine("""
                    /// <summary>
                    /// Creates the component without children (the configured tree adds them), publishing its
                    /// <c>"default"</c> resources under <paramref name="resourceName"/>. Public for the registry of
                    /// an application that references this assembly; hidden from IntelliSense.
                    /// </summary>
                    """);
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                writer.WriteLine(Hidden);
                using (writer.Block($"public static {model.Type.FullName} __CreateConfigured({Configuration}? configuration, string resourceName)"))
                {
                    // Every problem of the section is collected, then thrown together before anything is constructed.
                    var rawConfiguration = model.Constructor.Any(a => a.Kind == ConstructorArgumentKind.Configuration);
                    var optionsArguments = model.Constructor.Where(a => a.IsOptions).ToList();
                    var withoutOptions = !rawConfiguration && optionsArguments.Count == 0;
                    if (withoutOptions)
                    {
                        // The common case in one call: generated code is paid for per component.
                        writer.WriteLine($"{Values}.CheckNoOptions(configuration, {Literals.String(model.Type.DisplayName)});");
                    }
                    else if (!rawConfiguration || optionsArguments.Count > 0)
                    {
                        writer.WriteLine("var __problems = new global::Asphalt.ConfigurationProblems();");
                    }

                    if (!rawConfiguration && !withoutOptions)
                    {
                        writer.WriteLine(CollectUnknownKeys(model, optionsArguments.FirstOrDefault(), "configuration", "__problems"));
                    }

                    foreach (var options in optionsArguments)
                    {
                        writer.WriteLine($"var {OptionsLocal(options)} = {BindOptions(options, "configuration", "__problems")};");
                    }

                    if (!withoutOptions && (!rawConfiguration || optionsArguments.Count > 0))
                    {
                        writer.WriteLine("__problems.ThrowIfAny();");
                    }

                    foreach (var reloadable in optionsArguments.Where(a => a.Kind == ConstructorArgumentKind.ReloadableOptions))
                    {
                        // A reload binds the new section with the same two calls as above: the same checks, the same messages.
                        writer.WriteLine($"var {ReloadableLocal(reloadable)} = global::Asphalt.Reloadable<{reloadable.Type.FullName}>.FromConfiguration({OptionsLocal(reloadable)}, configuration, static (__section, __sectionProblems) =>");
                        writer.WriteLine("{");
                        writer.Indentation++;
                        if (!rawConfiguration)
                        {
                            writer.WriteLine(CollectUnknownKeys(model, reloadable, "__section", "__sectionProblems"));
                        }

                        writer.WriteLine($"return {BindOptions(reloadable, "__section", "__sectionProblems")};");
                        writer.Indentation--;
                        writer.WriteLine("});");
                    }

                    var services = model.Constructor.Any(a => a.Kind is ConstructorArgumentKind.Logger or ConstructorArgumentKind.LoggerFactory or ConstructorArgumentKind.TimeProvider);
                    if (services)
                    {
                        writer.WriteLine("var __services = new global::Asphalt.ComponentServices();");
                    }

                    // Named arguments, so parameters with default values can simply be left out.
                    var arguments = model.Constructor.Where(a => a.Kind != ConstructorArgumentKind.Default).Select(a => a.Name + ": " + ConstructorValue(a));
                    writer.WriteLine($"var __component = new {model.Type.FullName}({string.Join(", ", arguments)});");
                    if (services)
                    {
                        writer.WriteLine("__services.AttachTo(__component);");
                    }

                    foreach (var reloadable in optionsArguments.Where(a => a.Kind == ConstructorArgumentKind.ReloadableOptions))
                    {
                        writer.WriteLine($"{ReloadableLocal(reloadable)}.AttachTo(__component);");
                    }

                    writer.WriteLine("__component.__resourceName = resourceName;");
                    if (model.HasBridgeStarters)
                    {
                        writer.WriteLine("__component.__configuredBridges = global::Asphalt.ConfiguredBridge.Read(configuration);");
                    }
                    if (NamedByOption(model) && model.Constructor.FirstOrDefault(a => a.IsOptions) is { } named)
                    {
                        writer.WriteLine($"__component.__options = {OptionsLocal(named)};");
                    }

                    writer.WriteLine("return __component;");
                }
            }

            private static string ConstructorValue(ConstructorArgument argument) => argument.Kind switch
            {
                ConstructorArgumentKind.Configuration => $"configuration ?? {Values}.Empty",
                ConstructorArgumentKind.Logger => Logger(argument.Category!, argument.IsTyped, "__services.LoggerFactory"),
                ConstructorArgumentKind.LoggerFactory => "__services.LoggerFactory",
                ConstructorArgumentKind.TimeProvider => "__services.TimeProvider",
                ConstructorArgumentKind.ReloadableOptions => ReloadableLocal(argument),
                _ => OptionsLocal(argument),
            };

            /// <summary>The call that reports every key of <paramref name="section"/> the options (and the tree) do not know.</summary>
            private static string CollectUnknownKeys(ComponentModel model, ConstructorArgument? options, string section, string problems)
            {
                var keys = new List<string>();
                if (options is not null)
                {
                    keys.AddRange(model.Options.First(o => o.BindMethod == options.BindMethod).Members.Select(m => m.Key));
                }

                keys.AddRange(Asphalt.Trees.TreeRules.FrameworkKeys);
                return $"{Values}.CollectUnknownKeys({section}, {Literals.String(model.Type.DisplayName)}, {problems}, {string.Join(", ", keys.Select(Literals.String))});";
            }

            private static string BindOptions(ConstructorArgument options, string section, string problems) =>
                $"{options.BindMethod}({section}, false, {problems})";

            private static string ReloadableLocal(ConstructorArgument argument) => "__reloadable_" + argument.Name.TrimStart('@');

            /// <summary>A logger of <paramref name="category"/> from <paramref name="factory"/>, named as <c>ILogger&lt;T&gt;</c> names it.</summary>
            private static string Logger(TypeRef category, bool typed, string factory) => typed
                ? $"new global::Microsoft.Extensions.Logging.Logger<{category.FullName}>({factory})"
                : $"{LoggerFactoryExtensions}.CreateLogger({factory}, typeof({category.FullName}))";

            private static string OptionsLocal(ConstructorArgument argument) => "__options_" + argument.Name.TrimStart('@');

            // Whether a step takes a resource whose name comes from an option.
            private static bool NamedByOption(ComponentModel model) =>
                new[] { model.Prepare, model.Start, model.Run }.Any(s => s is not null && s.Parameters.Any(p => p.NameOption is not null));

            private static void EmitPrepare(SourceWriter writer, ComponentModel model)
            {
                var signals = model.Published.Where(p => p.IsSignal).ToList();
                if (model.Prepare is null && signals.Count == 0)
                {
                    return;
                }

                writer.WriteLine();
                writer.WriteLine("/// <inheritdoc />");
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                writer.WriteLine(Hidden);

                // Signals go out before the step waits for anything, so only a prepare without waits
                // (or without signals) can take the path that retries from the top.
                if (signals.Count == 0 || !Waits(model.Prepare))
                {
                    using (writer.Block(StepOverride(model.Prepare, "Prepare", isAsync: false)))
                    {
                        var call = TakeOrRetry(writer, model, model.Prepare, "PrepareAsync");
                        foreach (var signal in signals)
                        {
                            Publish(writer, model, signal, "this." + signal.Member);
                        }

                        FinishWithoutStateMachine(writer, model, model.Prepare, call, "Prepare", []);
                    }

                    EmitFinishingMethod(writer, model, model.Prepare, "Prepare", []);
                    return;
                }

                using (writer.Block(StepOverride(model.Prepare, "Prepare", isAsync: true)))
                {
                    foreach (var signal in signals)
                    {
                        Publish(writer, model, signal, "this." + signal.Member);
                    }

                    if (model.Prepare is { } prepare)
                    {
                        CallStep(writer, model, prepare);
                    }
                }
            }

            /// <summary>
            /// The generated step's signature: an override of <c>PrepareAsync</c>/<c>StartAsync</c>, or, when
            /// the user's own method has that name and signature (and so hides it), of the hook the
            /// runtime calls, <c>InvokePrepareAsync</c>/<c>InvokeStartAsync</c>.
            /// </summary>
            private static string StepOverride(StepMethod? step, string phase, bool isAsync)
            {
                var modifiers = isAsync ? "override async" : "sealed override";
                return step is { HidesBaseStep: true }
                    ? $"protected {modifiers} {ValueTask} Invoke{phase}Async({Context} context, {Token} cancellationToken)"
                    : $"public {modifiers} {ValueTask} {phase}Async({Context} context, {Token} cancellationToken)";
            }

            private static void EmitStart(SourceWriter writer, ComponentModel model)
            {
                var members = model.Published.Where(p => !p.IsSignal).ToList();
                var bridges = model.Bridges.Count > 0 || model.HasBridgeStarters;
                if (model.Start is null && members.Count == 0 && model.Listeners.Count == 0 && !bridges)
                {
                    return;
                }

                writer.WriteLine();
                writer.WriteLine("/// <inheritdoc />");
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                writer.WriteLine(Hidden);
                if (model.Listeners.Count == 0 && !bridges)
                {
                    using (writer.Block(StepOverride(model.Start, "Start", isAsync: false)))
                    {
                        var call = TakeOrRetry(writer, model, model.Start, "StartAsync");
                        FinishWithoutStateMachine(writer, model, model.Start, call, "Start", members);
                    }

                    EmitFinishingMethod(writer, model, model.Start, "Start", members);
                    return;
                }

                using (writer.Block(StepOverride(model.Start, "Start", isAsync: true)))
                {
                    if (model.Start is { } start)
                    {
                        CallStep(writer, model, start);
                    }

                    // Listeners are connected once StartAsync has returned, so the state they use is ready.
                    var index = 0;
                    foreach (var listener in model.Listeners)
                    {
                        var signal = "__signal" + index;
                        var handler = "__listener" + index;
                        index++;
                        writer.WriteLine($"var {signal} = await context.GetResourceAsync<{listener.SignalType.FullName}>({Literals.String(listener.SignalName)}, cancellationToken).ConfigureAwait(false);");
                        var delegateDeclaration = listener.Kind switch
                        {
                            ListenerKind.Sync => $"global::System.Action<{listener.EventType.FullName}> {handler} = this.{listener.Method};",
                            ListenerKind.ValueTask => $"global::System.Func<{listener.EventType.FullName}, {ValueTask}> {handler} = this.{listener.Method};",
                            _ => $"global::System.Func<{listener.EventType.FullName}, {ValueTask}> {handler} = __event => new {ValueTask}(this.{listener.Method}(__event));",
                        };
                        writer.WriteLine(delegateDeclaration);
                        writer.WriteLine($"{signal}.Connect({handler}, {Literals.String(listener.Method)});"); // Named in the log if it throws.
                        var description = $"disconnect {model.Type.DisplayName}.{listener.Method} from {listener.SignalType.DisplayName} '{listener.SignalName}'";
                        writer.WriteLine($"context.AddTeardown(() => {{ {signal}.Disconnect({handler}); }}, {Literals.String(description)});");
                    }

                    EmitBridges(writer, model);
                    if (model.HasBridgeStarters)
                    {
                        writer.WriteLine("await global::Asphalt.ConfiguredBridge.StartAllAsync(this.__configuredBridges, context, __StartConfiguredBridgeAsync, cancellationToken).ConfigureAwait(false);");
                    }

                    foreach (var member in members)
                    {
                        Publish(writer, model, member, "this." + member.Member);
                    }
                }

                EmitBridgeStarter(writer, model);
            }

            /// <summary>
            /// The typed bridge starter a <c>bridges:</c> key uses: one branch per signal whose event type has
            /// System.Text.Json metadata, keyed by signal name (case-insensitive, as configuration keys are);
            /// any other name is a clear error naming the signal and, when known, its event type.
            /// </summary>
            private static void EmitBridgeStarter(SourceWriter writer, ComponentModel model)
            {
                if (!model.HasBridgeStarters)
                {
                    return;
                }

                writer.WriteLine();
                writer.WriteLine("/// <summary>Bridges the signal a <c>bridges:</c> key names through <paramref name=\"transport\"/>.</summary>");
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                using (writer.Block($"private global::System.Threading.Tasks.ValueTask<global::System.IAsyncDisposable> __StartConfiguredBridgeAsync(global::Asphalt.ISignalTransport transport, global::Asphalt.ConfiguredBridge bridge, {Token} cancellationToken)"))
                {
                    foreach (var signal in model.BridgeableSignals.Where(b => b.JsonContext is not null))
                    {
                        var eventType = signal.EventType.FullName;
                        var metadata = $"(global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{eventType}>){signal.JsonContext!.FullName}.Default.GetTypeInfo(typeof({eventType}))!";
                        using (writer.Block($"if (string.Equals(bridge.Signal, {Literals.String(signal.SignalName)}, global::System.StringComparison.OrdinalIgnoreCase))"))
                        {
                            writer.WriteLine($"return transport.BridgeAsync<{eventType}>(this.{signal.Member}, bridge.Channel, {metadata}, cancellationToken);");
                        }
                    }

                    var known = string.Join(", ", model.BridgeableSignals.Select(b =>
                        $"new global::System.Collections.Generic.KeyValuePair<string, string?>({Literals.String(b.SignalName)}, {(b.JsonContext is null ? Literals.String(Asphalt.Trees.GraphNames.Type(b.EventType.FullName)) : "null")})"));
                    writer.WriteLine($"throw global::Asphalt.ConfiguredBridge.CannotBridge(this, bridge, {Literals.String(Asphalt.Trees.GraphNames.Type(model.Type.FullName))}, new global::System.Collections.Generic.KeyValuePair<string, string?>[] {{ {known} }});");
                }
            }

            /// <summary>
            /// Bridges each <c>[Signal(..., Channel = ...)]</c> through the tree's transport, once the children
            /// (which may publish it) have started; the teardown stops the bridge before the transport's own.
            /// The event's metadata comes from the source-generated context: no reflection.
            /// </summary>
            private static void EmitBridges(SourceWriter writer, ComponentModel model)
            {
                if (model.Bridges.Count == 0)
                {
                    return;
                }

                var transport = BridgedSignal.TransportType.FullName;
                writer.WriteLine($"var __transport = await context.GetResourceAsync<{transport}>({Literals.String(BridgedSignal.TransportName)}, cancellationToken).ConfigureAwait(false);");
                var index = 0;
                foreach (var bridge in model.Bridges)
                {
                    var local = "__bridge" + index++;
                    var eventType = bridge.EventType.FullName;
                    var metadata = $"(global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{eventType}>){bridge.JsonContext.FullName}.Default.GetTypeInfo(typeof({eventType}))!";
                    writer.WriteLine($"var {local} = await __transport.BridgeAsync<{eventType}>(this.{bridge.Member}, {Literals.String(bridge.Channel)}, {metadata}, cancellationToken).ConfigureAwait(false);");
                    writer.WriteLine($"context.AddTeardown({local}.DisposeAsync, {Literals.String("stop the " + bridge.Description)});");
                }
            }

            private static void EmitRun(SourceWriter writer, ComponentModel model)
            {
                if (model.Run is not { } run)
                {
                    return;
                }

                writer.WriteLine();
                writer.WriteLine("/// <inheritdoc />");
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                writer.WriteLine(Hidden);
                using (writer.Block($"public override async global::System.Threading.Tasks.Task<int?> RunAsync({Context} context, {Token} cancellationToken)"))
                {
                    var call = InjectArguments(writer, run);
                    switch (run.ReturnKind)
                    {
                        case ReturnKind.Void:
                            writer.WriteLine(call + ";");
                            writer.WriteLine("return null;");
                            break;
                        case ReturnKind.Task:
                        case ReturnKind.ValueTask:
                            writer.WriteLine($"await {call}.ConfigureAwait(false);");
                            writer.WriteLine("return null;");
                            break;
                        case ReturnKind.Value:
                            writer.WriteLine($"return {call};");
                            break;
                        default:
                            writer.WriteLine($"return await {call}.ConfigureAwait(false);");
                            break;
                    }
                }
            }

            // The prepare and start overrides are sealed: StepRetry runs them again after a wait, which
            // must not re-run a subclass's code around them. They have no async state machine of their own
            // (a few KB of native code per component under NativeAOT): what has to happen after an
            // awaited step (publishing its result) is a generated finishing method, run at once when the
            // step completed synchronously and by StepRetry.AfterStepAsync when it did not.
            private static bool NeedsFinishingMethod(StepMethod? step, List<PublishedResource> members) =>
                step is not null
                && (step.ReturnKind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT
                    || (step.ReturnKind is ReturnKind.Task or ReturnKind.ValueTask && members.Count > 0));

            private static string FinishingMethod(string step) => "__" + step + "Finished";

            private static bool Waits(StepMethod? step) =>
                step is not null && step.Parameters.Any(p => p.Kind == ParameterKind.Resource && !p.Optional);

            /// <summary>
            /// Takes each resource that is already published; for the first one that is not, returns
            /// <c>StepRetry.AfterResourceAsync</c>, which waits for it and runs the override again.
            /// Resources are looked up by <c>typeof</c> and cast, not through the generic getters: a
            /// generic instantiation per resource type costs kilobytes of types and dictionaries
            /// under NativeAOT.
            /// </summary>
            private static string? TakeOrRetry(SourceWriter writer, ComponentModel model, StepMethod? step, string overrideName) =>
                step is null ? null : WriteCall(writer, step, (local, type, name) =>
                {
                    using (writer.Block($"if (!context.TryGetResource(typeof({type}), {name}, out var {FoundLocal(local)}))"))
                    {
                        var phase = overrideName == "PrepareAsync" ? "Preparing" : "Starting";
                        writer.WriteLine($"return global::Asphalt.StepRetry.AfterResourceAsync(this, context, typeof({type}), {name}, global::Asphalt.ComponentPhase.{phase}, cancellationToken);");
                    }

                    writer.WriteLine($"var {local} = ({type}){FoundLocal(local)};");
                });

            private static void FinishWithoutStateMachine(
                SourceWriter writer, ComponentModel model, StepMethod? step, string? call, string stepName, List<PublishedResource> members)
            {
                if (step is not null && call is not null && NeedsFinishingMethod(step, members))
                {
                    const string Step = GeneratedLocal + "step";
                    var finishing = FinishingMethod(stepName);
                    var generic = step.ReturnKind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT;
                    writer.WriteLine($"var {Step} = {call};");
                    using (writer.Block($"if (!{Step}.IsCompletedSuccessfully)"))
                    {
                        var task = step.ReturnKind is ReturnKind.ValueTask or ReturnKind.ValueTaskOfT ? Step + ".AsTask()" : Step;
                        var finish = generic
                            ? $"static (__0_task, __0_component, __0_context) => (({model.Type.FullName})__0_component).{finishing}(((global::System.Threading.Tasks.Task<{step.ResultType!.FullName}>)__0_task).Result, __0_context)"
                            : $"static (__0_task, __0_component, __0_context) => (({model.Type.FullName})__0_component).{finishing}(__0_context)";
                        writer.WriteLine($"return global::Asphalt.StepRetry.AfterStepAsync({task}, this, context, {finish});");
                    }

                    if (step.ReturnKind == ReturnKind.ValueTask)
                    {
                        // A ValueTask must be consumed once: GetResult returns a pooled source to its pool.
                        writer.WriteLine($"{Step}.GetAwaiter().GetResult();");
                    }

                    writer.WriteLine(generic ? $"this.{finishing}({Step}.Result, context);" : $"this.{finishing}(context);");
                    writer.WriteLine("return default;");
                    return;
                }

                var returned = false;
                if (step is not null && call is not null)
                {
                    switch (step.ReturnKind)
                    {
                        case ReturnKind.Void:
                            writer.WriteLine(call + ";");
                            break;
                        case ReturnKind.Value:
                            writer.WriteLine((step.Published is null ? "_ = " : "var " + ResultLocal + " = ") + call + ";");
                            break;
                        case ReturnKind.Task:
                            writer.WriteLine($"return new {ValueTask}({call});");
                            returned = true;
                            break;
                        default:
                            writer.WriteLine($"return {call};");
                            returned = true;
                            break;
                    }

                    if (step.Published is { } published)
                    {
                        Publish(writer, model, published, ResultLocal);
                    }
                }

                foreach (var member in members)
                {
                    Publish(writer, model, member, "this." + member.Member);
                }

                if (!returned)
                {
                    writer.WriteLine("return default;");
                }
            }

            /// <summary>Publishes what an awaited step returned, and the members published after it.</summary>
            private static void EmitFinishingMethod(SourceWriter writer, ComponentModel model, StepMethod? step, string stepName, List<PublishedResource> members)
            {
                if (!NeedsFinishingMethod(step, members))
                {
                    return;
                }

                var generic = step!.ReturnKind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT;
                var result = generic ? $"{step.ResultType!.FullName} {ResultLocal}, " : string.Empty;
                writer.WriteLine();
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                using (writer.Block($"private void {FinishingMethod(stepName)}({result}{Context} context)"))
                {
                    if (step.Published is { } published)
                    {
                        Publish(writer, model, published, ResultLocal);
                    }

                    foreach (var member in members)
                    {
                        Publish(writer, model, member, "this." + member.Member);
                    }
                }
            }

            /// <summary>Takes the method's resources from the context, calls it, publishes its result.</summary>
            private static void CallStep(SourceWriter writer, ComponentModel model, StepMethod step)
            {
                var call = InjectArguments(writer, step);
                switch (step.ReturnKind)
                {
                    case ReturnKind.Void:
                        writer.WriteLine(call + ";");
                        break;
                    case ReturnKind.Task:
                    case ReturnKind.ValueTask:
                        writer.WriteLine($"await {call}.ConfigureAwait(false);");
                        break;
                    case ReturnKind.Value:
                        writer.WriteLine((step.Published is null ? "_ = " : "var " + ResultLocal + " = ") + call + ";");
                        break;
                    default:
                        writer.WriteLine((step.Published is null ? "_ = " : "var " + ResultLocal + " = ") + $"await {call}.ConfigureAwait(false);");
                        break;
                }

                if (step.Published is { } published)
                {
                    Publish(writer, model, published, ResultLocal);
                }
            }

            private static string InjectArguments(SourceWriter writer, StepMethod step) =>
                WriteCall(writer, step, (local, type, name) =>
                    writer.WriteLine($"var {local} = ({type})await context.GetResourceAsync(typeof({type}), {name}, cancellationToken).ConfigureAwait(false);"));

            /// <summary>
            /// Writes how each parameter gets its value and returns the call of the user's step method.
            /// Optional resources never wait; <paramref name="takeRequired"/> writes how a required one is taken.
            /// </summary>
            private static string WriteCall(SourceWriter writer, StepMethod step, System.Action<string, string, string> takeRequired)
            {
                var arguments = new List<string>();
                foreach (var parameter in step.Parameters)
                {
                    switch (parameter.Kind)
                    {
                        case ParameterKind.Context:
                            arguments.Add("context");
                            break;
                        case ParameterKind.CancellationToken:
                            arguments.Add("cancellationToken");
                            break;
                        case ParameterKind.Logger:
                            arguments.Add(Logger(parameter.Type!, parameter.IsTyped, "context.LoggerFactory"));
                            break;
                        case ParameterKind.LoggerFactory:
                            arguments.Add("context.LoggerFactory");
                            break;
                        case ParameterKind.Service:
                            arguments.Add(TakeService(writer, step, parameter));
                            break;
                        default:
                            var local = "__" + parameter.Name;
                            var type = parameter.Type!.FullName;
                            // A name from an option falls back to the declared one (also when the component was made with `new`).
                            var name = parameter.NameOption is { } option
                                ? $"global::Asphalt.ResourceValues.NameFrom(this.__options?.{option}, {Literals.String(parameter.ResourceName)})"
                                : Literals.String(parameter.ResourceName);
                            if (parameter.Optional)
                            {
                                writer.WriteLine($"var {local} = context.TryGetResource(typeof({type}), {name}, out var {FoundLocal(local)}) ? ({type}){FoundLocal(local)} : {parameter.DefaultValue};");
                            }
                            else
                            {
                                takeRequired(local, type, name);
                            }

                            arguments.Add(local);
                            break;
                    }
                }

                return $"this.{step.Name}({string.Join(", ", arguments)})";
            }

            /// <summary>A <c>[FromServices]</c> parameter: required ones throw a ServiceNotFoundException naming the component, parameter and type.</summary>
            private static string TakeService(SourceWriter writer, StepMethod step, InjectedParameter parameter)
            {
                var local = "__" + parameter.Name;
                var type = parameter.Type!.FullName;
                if (parameter.Optional)
                {
                    writer.WriteLine($"var {local} = global::Asphalt.ContextServices.GetOptional(context, typeof({type})) is {type} {FoundLocal(local)} ? {FoundLocal(local)} : {parameter.DefaultValue};");
                }
                else
                {
                    var described = Literals.String($"'{parameter.Name}' of {step.Name}");
                    writer.WriteLine($"var {local} = ({type})global::Asphalt.ContextServices.GetRequired(context, typeof({type}), {described});");
                }

                return local;
            }

            // A parameter's local is "__" + its name, and an identifier never starts with a digit: locals
            // of the generator's own start with "__0_", so they cannot clash with any parameter's.
            private const string GeneratedLocal = "__0_";

            private const string ResultLocal = GeneratedLocal + "result";

            /// <summary>The object a lookup found for the parameter whose local is <paramref name="local"/> ("__name").</summary>
            private static string FoundLocal(string local) => GeneratedLocal + "found" + local;

            private static void Publish(SourceWriter writer, ComponentModel model, PublishedResource resource, string value)
            {
                var declaration = $"its {resource.Description}, which declares the resource {resource.PublishedType.DisplayName} '{resource.Name}'";
                if (!resource.ValueType.IsValueType)
                {
                    if (value.StartsWith("this.", System.StringComparison.Ordinal))
                    {
                        // A property is read once: checked and published as the same value.
                        var local = GeneratedLocal + "member_" + value.Substring("this.".Length).Replace("@", string.Empty);
                        writer.WriteLine($"var {local} = {value};");
                        value = local;
                    }

                    using (writer.Block($"if ({value} is null)"))
                    {
                        writer.WriteLine($"global::Asphalt.ResourceValues.ThrowNull(this, {Literals.String(model.Type.DisplayName)}, {Literals.String(declaration)});");
                    }
                }

                var owned = resource.Owned ? ", owned: true" : string.Empty;
                // "default" follows the instance's resource name, so a second instance configured as
                // "alias/other" publishes under "other" (Asphalt's shortcut).
                var name = resource.Name == "default" ? "this.__resourceName" : Literals.String(resource.Name);
                writer.WriteLine($"context.AddResource<{resource.PublishedType.FullName}>({value}, {name}{owned});");
            }

            private static void EmitBinders(SourceWriter writer, ComponentModel model)
            {
                var helpers = new SortedDictionary<string, string>(System.StringComparer.Ordinal);
                EmitPatternFields(writer, model);
                foreach (var options in model.Options)
                {
                    writer.WriteLine();
                    writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                    writer.WriteLine(Hidden);
                    using (writer.Block($"private static {options.Type.FullName} {options.BindMethod}({Configuration}? configuration, bool checkKeys, {Problems} __problems)"))
                    {
                        // Problems are recorded, not thrown, so one error lists everything wrong in the section.
                        writer.WriteLine("var __errors = __problems.Count;");
                        var keys = string.Concat(options.Members.Select(m => ", " + Literals.String(m.Key)));
                        writer.WriteLine("if (checkKeys)");
                        using (writer.Block())
                        {
                            writer.WriteLine($"{Values}.CollectUnknownKeys(configuration, {Literals.String(options.Type.DisplayName)}, __problems{keys});");
                        }

                        // One lookup of the present keys; a present key's section carries the user's spelling into errors.
                        writer.WriteLine($"var __sections = {Values}.Sections(configuration);");
                        foreach (var member in options.Members)
                        {
                            writer.WriteLine($"var {SectionLocal(member)} = global::System.Collections.Generic.CollectionExtensions.GetValueOrDefault(__sections, {Literals.String(member.Key)});");
                        }

                        foreach (var member in options.Members)
                        {
                            EmitMemberRead(writer, options, member, helpers);
                        }

                        writer.WriteLine("if (__problems.Count > __errors)");
                        using (writer.Block())
                        {
                            writer.WriteLine("return default!; // Never used: the caller throws the problems.");
                        }

                        var constructorArguments = options.Members.Where(m => m.IsConstructorParameter)
                            .Select(m => m.DefaultValue is null ? ValueLocal(m) : $"{HasLocal(m)} ? {ValueLocal(m)} : {m.DefaultValue}")
                            .ToList();
                        var construct = $"new {options.Type.FullName}({string.Join(", ", constructorArguments)})";
                        var initOnly = options.Members.Where(m => m.InitOnly && !m.IsConstructorParameter).ToList();
                        if (initOnly.Any(m => !m.Required))
                        {
                            // Defaults of init-only members come from a throw-away instance: they can only be
                            // set in the object initializer, so "keep the default" needs the default value.
                            var placeholders = initOnly.Where(m => m.Required).Select(m => $"{m.Name} = default!");
                            writer.WriteLine(initOnly.Any(m => m.Required)
                                ? $"var __defaults = {construct} {{ {string.Join(", ", placeholders)} }};"
                                : $"var __defaults = {construct};");
                        }

                        if (initOnly.Count == 0)
                        {
                            writer.WriteLine($"var __result = {construct};");
                        }
                        else
                        {
                            writer.WriteLine($"var __result = {construct}");
                            writer.WriteLine("{");
                            writer.Indentation++;
                            foreach (var member in initOnly)
                            {
                                var value = member.Required ? ValueLocal(member) : $"{HasLocal(member)} ? {ValueLocal(member)} : __defaults.{member.Name}";
                                writer.WriteLine($"{member.Name} = {value},");
                            }

                            writer.Indentation--;
                            writer.WriteLine("};");
                        }

                        foreach (var member in options.Members.Where(m => !m.InitOnly && !m.IsConstructorParameter))
                        {
                            writer.WriteLine($"if ({HasLocal(member)})");
                            using (writer.Block())
                            {
                                writer.WriteLine($"__result.{member.Name} = {ValueLocal(member)};");
                            }
                        }

                        EmitValidationAfterBinding(writer, options);
                        writer.WriteLine("return __result;");
                    }
                }

                foreach (var helper in helpers.Values)
                {
                    writer.WriteLine();
                    writer.WriteLine(helper);
                }
            }

            // Whether "was the key present" is asked later: not for a required value, which is always
            // there when the binder gets that far (an unread local would be a warning in user builds).
            private static bool ReadsHasLocal(OptionsMember member) =>
                member.IsConstructorParameter ? member.DefaultValue is not null : !member.Required;

            /// <summary>Reads one member into locals; a bad value or a missing required key is recorded, not thrown.</summary>
            private static void EmitMemberRead(SourceWriter writer, OptionsType options, OptionsMember member, SortedDictionary<string, string> helpers)
            {
                writer.WriteLine($"{member.Value.Type.FullName} {ValueLocal(member)} = default!;");
                var hasLocal = ReadsHasLocal(member);
                if (hasLocal)
                {
                    writer.WriteLine($"var {HasLocal(member)} = false;");
                }

                writer.WriteLine($"if ({Present(member)})");
                using (writer.Block())
                {
                    writer.WriteLine("try");
                    using (writer.Block())
                    {
                        writer.WriteLine($"{ValueLocal(member)} = {Read(member.Value, Child(member), helpers)};");
                        if (hasLocal)
                        {
                            writer.WriteLine($"{HasLocal(member)} = true;");
                        }

                        if (member.AbsoluteUrl)
                        {
                            writer.WriteLine($"{Values}.CheckAbsoluteUrl({ValueLocal(member)}, {Child(member)});");
                        }

                        if (member.Range is { } range)
                        {
                            // A float is compared with float bounds: (double)0.7f is below 0.7.
                            var suffix = member.Value.Type.FullName is "float" or "float?" ? "F" : "D";
                            writer.WriteLine($"{Values}.CheckRange((double?){ValueLocal(member)}, {range.Minimum}{suffix}, {range.Maximum}{suffix}, {Child(member)}, {Literals.String(member.Value.Expected)}, {Literals.String(range.Minimum)}, {Literals.String(range.Maximum)});");
                        }

                        if (member.Validation is { } rules)
                        {
                            EmitValueChecks(writer, options, member, rules);
                        }
                    }

                    writer.WriteLine($"catch ({BindingException} __e)");
                    using (writer.Block())
                    {
                        writer.WriteLine("__problems.Add(__e);");
                    }
                }

                if (member.Required || IsRequiredWithoutDefault(member))
                {
                    writer.WriteLine("else");
                    using (writer.Block())
                    {
                        writer.WriteLine($"__problems.Add({Values}.MissingRequired(configuration, {Literals.String(member.Key)}, {Literals.String(member.Value.Expected)}));");
                    }
                }
            }

            private static string SectionLocal(OptionsMember member) => "__s_" + member.Name.TrimStart('@');

            private static string ValueLocal(OptionsMember member) => "__v_" + member.Name.TrimStart('@');

            private static string HasLocal(OptionsMember member) => "__has_" + member.Name.TrimStart('@');

            private static string Present(OptionsMember member) => $"{SectionLocal(member)} is not null";

            private static string Child(OptionsMember member) => SectionLocal(member) + "!";

            /// <summary>An expression reading <paramref name="value"/> from the section expression <paramref name="section"/>.</summary>
            private static string Read(ValueModel value, string section, SortedDictionary<string, string> helpers)
            {
                switch (value.Kind)
                {
                    case ValueKind.Boolean:
                        return $"{Values}.ParseBoolean({section})";
                    case ValueKind.String:
                        return $"{Values}.ParseString({section})";
                    case ValueKind.Uri:
                        return $"{Values}.ParseUri({section})";
                    case ValueKind.Parsable:
                        return $"{Values}.Parse<{value.Type.FullName}>({section}, {Literals.String(value.Expected)})";
                    case ValueKind.Nullable:
                        return $"({value.Type.FullName}){Read(value.Element!, section, helpers)}";
                    case ValueKind.Object:
                        return $"{value.BindMethod}({section}, true, __problems)";
                    case ValueKind.Enum:
                        return $"{EnumHelper(value, helpers)}({section})";
                    default:
                        return $"{CollectionHelper(value, helpers)}({section}, __problems)";
                }
            }

            /// <summary>An enum parser as a chain of name comparisons: no <c>Enum.Parse</c>, nothing trimmed away.</summary>
            private static string EnumHelper(ValueModel value, SortedDictionary<string, string> helpers)
            {
                var name = "__ParseEnum_" + Literals.Identifier(value.Type.FullName);
                if (!helpers.ContainsKey(name))
                {
                    var writer = new SourceWriter();
                    writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                    writer.WriteLine(Hidden);
                    using (writer.Block($"private static {value.Type.FullName} {name}({Section} section)"))
                    {
                        writer.WriteLine("var __text = section.Value?.Trim();");
                        foreach (var member in value.EnumMembers)
                        {
                            writer.WriteLine($"if (string.Equals(__text, {Literals.String(member)}, global::System.StringComparison.OrdinalIgnoreCase)) return {value.Type.FullName}.{member};");
                        }

                        writer.WriteLine($"throw {Values}.InvalidValue(section, {Literals.String(value.Expected)});");
                    }

                    helpers[name] = writer.ToString().TrimEnd();
                }

                return name;
            }

            private static string CollectionHelper(ValueModel value, SortedDictionary<string, string> helpers)
            {
                var name = "__Read_" + Literals.Identifier(value.Type.FullName);
                if (helpers.ContainsKey(name))
                {
                    return name;
                }

                helpers[name] = string.Empty; // Reserve the name before recursing into the element.
                var element = value.Element!;
                var writer = new SourceWriter();
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                writer.WriteLine(Hidden);
                using (writer.Block($"private static {value.Type.FullName} {name}({Section} section, {Problems} __problems)"))
                {
                    var dictionary = value.Kind == ValueKind.Dictionary;
                    writer.WriteLine(dictionary
                        ? $"{Values}.RejectNonMapping(section, {Literals.String(value.Expected)});"
                        : $"{Values}.RejectSingleValue(section, {Literals.String(value.Expected)});");
                    writer.WriteLine(dictionary
                        ? $"var __items = new global::System.Collections.Generic.Dictionary<string, {element.Type.FullName}>(global::System.StringComparer.OrdinalIgnoreCase);"
                        : $"var __items = new global::System.Collections.Generic.List<{element.Type.FullName}>();");
                    using (writer.Block($"foreach (var __item in section.GetChildren())"))
                    {
                        // Each bad element is recorded, so every one of them is reported.
                        writer.WriteLine("try");
                        using (writer.Block())
                        {
                            writer.WriteLine(dictionary
                                ? $"__items[__item.Key] = {Read(element, "__item", helpers)};"
                                : $"__items.Add({Read(element, "__item", helpers)});");
                        }

                        writer.WriteLine($"catch ({BindingException} __e)");
                        using (writer.Block())
                        {
                            writer.WriteLine("__problems.Add(__e);");
                        }
                    }

                    writer.WriteLine(value.Kind == ValueKind.Array ? "return __items.ToArray();" : "return __items;");
                }

                helpers[name] = writer.ToString().TrimEnd();
                return name;
            }
        }
    }
}

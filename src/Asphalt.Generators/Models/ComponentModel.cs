using Asphalt.Generators.Common;

namespace Asphalt.Generators.Models
{
    /// <summary>
    /// Everything the generator knows about one <c>[Component]</c> class.
    /// </summary>
    /// <remarks>
    /// Cached between runs by Roslyn, so it must be immutable and compare by value: strings, bools,
    /// enums, <see cref="EquatableArray{T}"/> and other model records only. Adding a symbol, a syntax
    /// node or a <c>Location</c> here would break incremental caching.
    /// </remarks>
    /// <param name="Type">The component type.</param>
    /// <param name="Namespace">Its namespace, empty for the global namespace.</param>
    /// <param name="ContainingTypes">Enclosing types, outermost first (as partial declarations).</param>
    /// <param name="Name">The simple type name.</param>
    /// <param name="Alias">The registry alias.</param>
    /// <param name="Base">Which base class it has.</param>
    /// <param name="Constructor">How to construct it.</param>
    /// <param name="Prepare">The user's <c>PrepareAsync</c> method, if any.</param>
    /// <param name="Start">The user's <c>StartAsync</c> method, if any.</param>
    /// <param name="Run">The user's <c>RunAsync</c> method (run-to-exit components), if any.</param>
    /// <param name="Published">Resources published from members and signals (return values are on the methods).</param>
    /// <param name="Listeners">Signal listener methods.</param>
    /// <param name="Children">Declared children.</param>
    /// <param name="Options">Bind methods for the options types, root first.</param>
    /// <param name="HasErrors">True when something is wrong: nothing is emitted for it (the analyzer reports why).</param>
    /// <param name="Location">Where the class is declared (analyzer only).</param>
    /// <param name="IsPublic">Public, with public containing types: other assemblies can use it, so its manifest is shipped.</param>
    /// <param name="IsReferenced">Read from a referenced assembly's manifest: checked and registered here, generated there.</param>
    internal sealed record ComponentModel(
        TypeRef Type,
        string Namespace,
        EquatableArray<ContainingType> ContainingTypes,
        string Name,
        string Alias,
        ComponentBase Base,
        EquatableArray<ConstructorArgument> Constructor,
        StepMethod? Prepare,
        StepMethod? Start,
        StepMethod? Run,
        EquatableArray<PublishedResource> Published,
        EquatableArray<SignalListener> Listeners,
        EquatableArray<ChildDeclaration> Children,
        EquatableArray<OptionsType> Options,
        bool HasErrors,
        LocationInfo? Location,
        bool IsPublic = false,
        bool IsReferenced = false)
    {
        /// <summary>
        /// Resources its endpoint handlers take (<c>[FromResource]</c> parameters, <see cref="Diagnostics.EndpointHandlerParameters"/>):
        /// filled by the analyzer, and by the generator for public components, whose manifest ships them.
        /// </summary>
        public EquatableArray<InjectedParameter> HandlerParameters { get; init; }

        /// <summary>Its <c>[Signal(..., Channel = ...)]</c> members, bridged through the tree's <c>ISignalTransport</c> once its children have started.</summary>
        public EquatableArray<BridgedSignal> Bridges { get; init; }

        /// <summary>Every <c>[Signal]</c> member, by signal name, with what a bridge named in configuration (<c>bridges:</c>) needs.</summary>
        public EquatableArray<BridgeableSignal> BridgeableSignals { get; init; }

        /// <summary>Whether the generated start has a bridge starter: a signal configuration may bridge.</summary>
        public bool HasBridgeStarters => System.Linq.Enumerable.Any(BridgeableSignals, b => b.JsonContext is not null);

        public EquatableArray<PublishedResource> AllPublished()
        {
            var all = new System.Collections.Generic.List<PublishedResource>(Published);
            if (Prepare?.Published is { } p)
            {
                all.Add(p);
            }

            if (Start?.Published is { } s)
            {
                all.Add(s);
            }

            return all.ToEquatableArray();
        }
    }

    /// <summary>The base class of a component.</summary>
    internal enum ComponentBase
    {
        /// <summary>No base class written: the generator adds <c>Asphalt.Component</c>.</summary>
        Added,

        /// <summary>Derives from <c>Asphalt.Component</c>.</summary>
        Component,

        /// <summary>Derives from <c>Asphalt.CliApplicationComponent</c>.</summary>
        CliApplication,
    }

    /// <summary>An enclosing type, re-declared as partial around the generated code.</summary>
    internal sealed record ContainingType(string Keyword, string Name);

    /// <summary>What a constructor parameter receives.</summary>
    internal enum ConstructorArgumentKind
    {
        /// <summary>An options object bound from the component's configuration section.</summary>
        Options,

        /// <summary>The raw configuration section.</summary>
        Configuration,

        /// <summary>A parameter with a default value (a test hook, say): left to its default.</summary>
        Default,

        /// <summary>An <c>ILogger&lt;T&gt;</c> (category <c>T</c>) or <c>ILogger</c> (category the component), bound to the context's logger factory at start.</summary>
        Logger,

        /// <summary>An <c>ILoggerFactory</c> that writes through the context's logger factory once the component starts.</summary>
        LoggerFactory,

        /// <summary>A <c>TimeProvider</c>: the published one when the component starts, else the system clock.</summary>
        TimeProvider,

        /// <summary>
        /// A <c>Reloadable&lt;TOptions&gt;</c>: the options bound as for <see cref="Options"/> (its <see cref="ConstructorArgument.Type"/>
        /// is <c>TOptions</c>), which the command line binds again when the configuration file changes. Last, so
        /// component manifests written before it read unchanged.
        /// </summary>
        ReloadableOptions,
    }

    /// <summary>A constructor parameter.</summary>
    /// <param name="Kind">What it receives.</param>
    /// <param name="Name">The parameter name, escaped.</param>
    /// <param name="Type">The parameter type.</param>
    /// <param name="BindMethod">For options (reloadable or not): the generated bind method.</param>
    /// <param name="Category">For loggers: the category type; <see cref="IsTyped"/> for <c>ILogger&lt;T&gt;</c>.</param>
    /// <param name="IsTyped">For loggers: an <c>ILogger&lt;T&gt;</c> rather than an <c>ILogger</c>.</param>
    internal sealed record ConstructorArgument(ConstructorArgumentKind Kind, string Name, TypeRef Type, string? BindMethod, TypeRef? Category = null, bool IsTyped = false)
    {
        /// <summary>Whether the component's section binds to it (<see cref="ConstructorArgumentKind.Options"/> or <see cref="ConstructorArgumentKind.ReloadableOptions"/>).</summary>
        public bool IsOptions => Kind is ConstructorArgumentKind.Options or ConstructorArgumentKind.ReloadableOptions;
    }

    /// <summary>When a component does something: before or after its children start.</summary>
    internal enum Phase
    {
        Prepare,
        Start,
        Run,
    }

    /// <summary>How a user step method returns.</summary>
    internal enum ReturnKind
    {
        Void,
        Task,
        ValueTask,
        TaskOfT,
        ValueTaskOfT,
        Value,
    }

    /// <summary>A user <c>PrepareAsync</c>/<c>StartAsync</c>/<c>RunAsync</c> method (or <c>Prepare</c>/<c>Start</c>/<c>Run</c>).</summary>
    /// <param name="Name">The method's name as the user wrote it.</param>
    /// <param name="Phase">Which step it is.</param>
    /// <param name="Parameters">What each parameter receives.</param>
    /// <param name="ReturnKind">How it returns.</param>
    /// <param name="ResultType">What it returns (unwrapped from the task), if anything.</param>
    /// <param name="Published">Its return value, when published as a resource.</param>
    /// <param name="HidesBaseStep">
    /// It has the base class's parameters (<c>Context, CancellationToken</c>) under the base class's
    /// name, so the generated step overrides <c>Component.InvokePrepareAsync</c>/<c>InvokeStartAsync</c> instead.
    /// </param>
    internal sealed record StepMethod(
        string Name,
        Phase Phase,
        EquatableArray<InjectedParameter> Parameters,
        ReturnKind ReturnKind,
        TypeRef? ResultType,
        PublishedResource? Published,
        bool HidesBaseStep = false);

    /// <summary>What a step method parameter receives.</summary>
    internal enum ParameterKind
    {
        Resource,
        Context,
        CancellationToken,

        /// <summary>An <c>ILogger&lt;T&gt;</c> or <c>ILogger</c> from the context's logger factory; <see cref="InjectedParameter.Type"/> is the category type.</summary>
        Logger,

        /// <summary>The context's <c>ILoggerFactory</c>.</summary>
        LoggerFactory,

        /// <summary>A host service (<c>[FromServices]</c>), taken from <c>Context.Services</c>.</summary>
        Service,
    }

    /// <summary>A step method parameter.</summary>
    /// <param name="Name">The parameter name.</param>
    /// <param name="Kind">What it receives.</param>
    /// <param name="Type">The resource type (nullability removed), for resources.</param>
    /// <param name="ResourceName">The resource name, for resources.</param>
    /// <param name="Optional">Nullable or with a default value: taken if present, never waited for.</param>
    /// <param name="DefaultValue">The C# expression used when an optional resource is absent.</param>
    /// <param name="Location">The parameter's location (analyzer only).</param>
    /// <param name="NameOption">With <c>[Resource(NameOption = ...)]</c>: the options member whose value names the resource.</param>
    /// <param name="NameOptionKey">That member's configuration key.</param>
    /// <param name="IsTyped">For loggers: an <c>ILogger&lt;T&gt;</c> rather than an <c>ILogger</c>.</param>
    internal sealed record InjectedParameter(
        string Name,
        ParameterKind Kind,
        TypeRef? Type,
        string ResourceName,
        bool Optional,
        string DefaultValue,
        LocationInfo? Location,
        string? NameOption = null,
        string? NameOptionKey = null,
        bool IsTyped = false);

    /// <summary>A resource a component publishes.</summary>
    /// <param name="Member">The member it comes from, or null for a return value.</param>
    /// <param name="Description">For messages and graphs: <c>property Store</c>, <c>return value of StartAsync</c>.</param>
    /// <param name="ValueType">The declared type of the value.</param>
    /// <param name="PublishedType">The type consumers ask for.</param>
    /// <param name="Name">The resource name.</param>
    /// <param name="Owned">Disposed by the context at teardown.</param>
    /// <param name="IsSignal">A <c>[Signal]</c>.</param>
    /// <param name="Phase">When it is published.</param>
    /// <param name="Location">Its declaration (analyzer only).</param>
    internal sealed record PublishedResource(
        string? Member,
        string Description,
        TypeRef ValueType,
        TypeRef PublishedType,
        string Name,
        bool Owned,
        bool IsSignal,
        Phase Phase,
        LocationInfo? Location);

    /// <summary>How a signal listener returns.</summary>
    internal enum ListenerKind
    {
        Sync,
        ValueTask,
        Task,
    }

    /// <summary>A <c>[SignalListener]</c> method.</summary>
    internal sealed record SignalListener(
        string Method,
        TypeRef EventType,
        TypeRef SignalType,
        string SignalName,
        ListenerKind Kind,
        LocationInfo? Location);

    /// <summary>A signal bridged to a channel by <c>[Signal(..., Channel = ...)]</c>.</summary>
    /// <param name="Member">The signal property or field, escaped.</param>
    /// <param name="SignalName">The signal resource's name.</param>
    /// <param name="EventType">The event type.</param>
    /// <param name="Channel">The channel.</param>
    /// <param name="JsonContext">The <c>JsonSerializerContext</c> holding the event type's metadata.</param>
    /// <param name="Location">The attribute (analyzer only).</param>
    internal sealed record BridgedSignal(string Member, string SignalName, TypeRef EventType, string Channel, TypeRef JsonContext, LocationInfo? Location)
    {
        /// <summary>The resource name of the transport a bridge goes through.</summary>
        public const string TransportName = "default";

        /// <summary>The transport's type as generated code and the wiring graph name it.</summary>
        public static readonly TypeRef TransportType = new("global::Asphalt.ISignalTransport", "ISignalTransport", false);

        /// <summary>For messages and graphs: <c>bridge of signal 'messages' to channel 'chat:messages'</c>.</summary>
        public string Description => $"bridge of signal '{SignalName}' to channel '{Channel}'";
    }

    /// <summary>A published signal as a bridge named in configuration sees it.</summary>
    /// <param name="Member">The signal property or field, escaped.</param>
    /// <param name="SignalName">The signal resource's name.</param>
    /// <param name="EventType">The event type.</param>
    /// <param name="JsonContext">The <c>JsonSerializerContext</c> holding the event type's metadata; null when none (ASPH0021's rule).</param>
    internal sealed record BridgeableSignal(string Member, string SignalName, TypeRef EventType, TypeRef? JsonContext);

    /// <summary>How a child is created.</summary>
    internal enum ChildConstruction
    {
        /// <summary>Through its generated <c>Create(configuration)</c> factory.</summary>
        Factory,

        /// <summary>With <c>new T()</c> (a hand-written component).</summary>
        New,

        /// <summary>
        /// A <c>[Component]</c> that gets no generated factory (its own ASPH error says why): the
        /// parent's factory throws if it is ever run, so the parent still compiles.
        /// </summary>
        NotGenerated,
    }

    /// <summary>A <c>[ChildComponent&lt;T&gt;]</c> declaration.</summary>
    internal sealed record ChildDeclaration(string Alias, TypeRef Type, ChildConstruction Construction, LocationInfo? Location);
}

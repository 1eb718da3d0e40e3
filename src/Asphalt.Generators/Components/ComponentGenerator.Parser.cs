using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Asphalt.Generators.Common;
using Asphalt.Generators.Diagnostics;
using Asphalt.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Asphalt.Generators.Components
{
    public sealed partial class ComponentGenerator
    {
        /// <summary>
        /// Symbols → <see cref="ComponentModel"/>: the only code that sees <see cref="ISymbol"/>.
        /// The generator calls it without a diagnostics list (no locations in the model, so its cache
        /// survives edits that only move code); the analyzer calls it with one to report problems.
        /// </summary>
        internal static partial class Parser
        {
            public const string ComponentAttribute = "Asphalt.ComponentAttribute";
            private const string ResourceAttribute = "Asphalt.ResourceAttribute";
            private const string SignalAttribute = "Asphalt.SignalAttribute";
            private const string SignalListenerAttribute = "Asphalt.SignalListenerAttribute";
            private const string ChildComponentAttribute = "Asphalt.ChildComponentAttribute<TComponent>";
            private const string ComponentType = "Asphalt.Component";
            private const string CliComponentType = "Asphalt.CliApplicationComponent";
            private const string ContextType = "Asphalt.Context";
            private const string FromServicesAttribute = "Asphalt.FromServicesAttribute";
            private const string AspNetFromServicesAttribute = "Microsoft.AspNetCore.Mvc.FromServicesAttribute";
            private const string SignalType = "Asphalt.Signal<TEvent>";
            private const string ReloadableType = "Asphalt.Reloadable<TOptions>";
            private const string ConfigurationType = "Microsoft.Extensions.Configuration.IConfiguration";
            private const string TypedLoggerType = "Microsoft.Extensions.Logging.ILogger<TCategoryName>";
            private const string LoggerType = "Microsoft.Extensions.Logging.ILogger";
            private const string LoggerFactoryType = "Microsoft.Extensions.Logging.ILoggerFactory";
            private const string TimeProviderType = "System.TimeProvider";

            /// <summary>Parses a component for the generator; never throws (a broken model is skipped).</summary>
            public static ComponentModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
            {
                if (context.TargetSymbol is not INamedTypeSymbol { Name.Length: > 0 } type)
                {
                    return null;
                }

                try
                {
                    // A partial class with [Component] on several declarations is seen once per
                    // declaration; only the one carrying the first attribute produces the model.
                    var first = type.GetAttributes().FirstOrDefault(IsComponentAttribute)?.ApplicationSyntaxReference;
                    if (first is not null && first.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() != context.TargetNode)
                    {
                        return null;
                    }

                    // A public component's manifest carries what its endpoint handlers take, for the
                    // wiring checks of the applications that reference its package.
                    var model = Parse(type, null, cancellationToken);
                    return model is { IsPublic: true }
                        ? model with { HandlerParameters = EndpointHandlerParameters.Find(type, context.SemanticModel.Compilation, withLocations: false, cancellationToken) }
                        : model;
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
                catch (Exception)
                {
                    // The generator must never fail the build with CS8785; the analyzer, which runs
                    // the same parser, surfaces problems as diagnostics instead.
                    return null;
                }
            }

            /// <summary>Parses a component; fills <paramref name="diagnostics"/> (and locations) when given.</summary>
            public static ComponentModel? Parse(INamedTypeSymbol type, List<Diagnostic>? diagnostics, CancellationToken cancellationToken) =>
                new State(type, diagnostics, cancellationToken, checkChildren: true).Run();

            public static bool IsComponentAttribute(AttributeData attribute) =>
                attribute.AttributeClass?.ToDisplayString() == ComponentAttribute;

            internal static TypeRef TypeRefOf(ITypeSymbol type)
            {
                var plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
                return new TypeRef(
                    EraseDynamic(plain.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)),
                    plain.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                    plain.IsValueType);
            }

            // `dynamic` is `object` at run time, and generated code needs the type in `typeof`, where
            // `dynamic` is not allowed. In the fully qualified form a type of the user's own that is
            // named `dynamic` comes with `global::` or a namespace before it, so only the keyword matches.
            private static readonly System.Text.RegularExpressions.Regex DynamicKeyword =
                new(@"(?<![\w.:@])dynamic(?!\w)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

            private static string EraseDynamic(string fullName) =>
                fullName.Contains("dynamic") ? DynamicKeyword.Replace(fullName, "object") : fullName;

            /// <summary>Members that a generator wrote (seen by the analyzer, which runs after generation).</summary>
            private static bool IsGenerated(ISymbol symbol) =>
                symbol.DeclaringSyntaxReferences.Length > 0
                && symbol.DeclaringSyntaxReferences.All(r =>
                    r.SyntaxTree.FilePath.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase)
                    && r.SyntaxTree.FilePath.IndexOf("Asphalt.Generators", StringComparison.Ordinal) >= 0);

            /// <summary>A name usable in emitted code: keywords get an '@'.</summary>
            internal static string Escape(string name) =>
                SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
                    ? "@" + name
                    : name;

            private static bool IsIdentifier(string? name) => name is not null && Asphalt.Trees.TreeRules.IsIdentifier(name);

            private static string DefaultAlias(string typeName)
            {
                if (typeName.Length == 0)
                {
                    return "component";
                }

                var name = typeName.EndsWith("Component", StringComparison.Ordinal) && typeName.Length > "Component".Length
                    ? typeName.Substring(0, typeName.Length - "Component".Length)
                    : typeName;
                return char.ToLowerInvariant(name[0]) + name.Substring(1);
            }

            private static bool DerivesFrom(ITypeSymbol? type, string fullName)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (current.OriginalDefinition.ToDisplayString() == fullName)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static AttributeData? FindAttribute(ImmutableAttributes attributes, string fullName) =>
                attributes.FirstOrDefault(a => a.AttributeClass?.OriginalDefinition.ToDisplayString() == fullName);

            private static string? StringArgument(AttributeData attribute, int index) =>
                attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Kind == TypedConstantKind.Primitive
                    ? attribute.ConstructorArguments[index].Value as string
                    : null;

            private static TypedConstant? NamedArgument(AttributeData attribute, string name)
            {
                foreach (var pair in attribute.NamedArguments)
                {
                    if (pair.Key == name)
                    {
                        return pair.Value;
                    }
                }

                return null;
            }

            private static Location? AttributeLocation(AttributeData attribute, ISymbol fallback) =>
                attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback.Locations.FirstOrDefault();

            /// <summary>The state of one parse: the type, where problems go, and whether anything failed.</summary>
            private sealed partial class State
            {
                private readonly INamedTypeSymbol _type;
                private readonly List<Diagnostic>? _diagnostics;
                private readonly CancellationToken _cancellationToken;
                private readonly bool _checkChildren; // Whether a [Component] child is parsed to see that it gets a factory (one level only).
                private bool _hasErrors;
                private OptionsType? _options; // The options type its constructor takes, for [Resource(NameOption = ...)].
                private readonly List<BridgedSignal> _bridges = new();
                private readonly List<BridgeableSignal> _bridgeable = new();

                public State(INamedTypeSymbol type, List<Diagnostic>? diagnostics, CancellationToken cancellationToken, bool checkChildren)
                {
                    _type = type;
                    _diagnostics = diagnostics;
                    _cancellationToken = cancellationToken;
                    _checkChildren = checkChildren;
                }

                private bool WithLocations => _diagnostics is not null;

                private string TypeName => _type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

                private LocationInfo? Where(ISymbol symbol) => WithLocations ? LocationInfo.From(symbol.Locations.FirstOrDefault()) : null;

                private LocationInfo? Where(Location? location) => WithLocations ? LocationInfo.From(location) : null;

                private void Report(DiagnosticDescriptor descriptor, Location? location, params object[] args)
                {
                    _hasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
                    _diagnostics?.Add(Diagnostic.Create(descriptor, location, args));
                }

                private void Invalid(string reason, Location? location = null) =>
                    Report(DiagnosticDescriptors.InvalidComponent, location ?? _type.Locations.FirstOrDefault(), TypeName, reason);

                private void InvalidDeclaration(string reason, Location? location) =>
                    Report(DiagnosticDescriptors.InvalidResourceDeclaration, location ?? _type.Locations.FirstOrDefault(), TypeName, reason);

                public ComponentModel? Run()
                {
                    var attribute = _type.GetAttributes().FirstOrDefault(IsComponentAttribute);
                    if (attribute is null)
                    {
                        return null;
                    }

                    if (!CheckShape())
                    {
                        return null; // Not a class: nothing sensible to model; the reason is reported.
                    }

                    var baseKind = ParseBase();
                    var alias = StringArgument(attribute, 0);
                    if (alias is not null && !IsIdentifier(alias))
                    {
                        Invalid($"its alias '{alias}' is not an identifier (letters, digits and underscores)", AttributeLocation(attribute, _type));
                    }

                    var constructor = ParseConstructor(out var options);
                    var componentOptions = constructor.FirstOrDefault(a => a.IsOptions);
                    _options = componentOptions is null ? null : options.FirstOrDefault(o => o.BindMethod == componentOptions.BindMethod);
                    var overridden = new HashSet<string>(StringComparer.Ordinal);
                    var prepare = ParseStep("PrepareAsync", Phase.Prepare, overridden);
                    var start = ParseStep("StartAsync", Phase.Start, overridden);
                    var run = baseKind == ComponentBase.CliApplication ? ParseStep("RunAsync", Phase.Run, overridden) : null;
                    var published = ParseMembers();
                    var listeners = ParseListeners();
                    var children = ParseChildren();

                    if (overridden.Contains("StartAsync") && (published.Any(p => !p.IsSignal) || listeners.Count > 0 || _bridges.Count > 0))
                    {
                        Invalid("it overrides StartAsync by hand, so the generated StartAsync that publishes its [Resource] members and connects its [SignalListener] methods cannot exist; rename the override to a StartAsync method taking resources as parameters");
                    }

                    if (overridden.Contains("PrepareAsync") && published.Any(p => p.IsSignal))
                    {
                        Invalid("it overrides PrepareAsync by hand, so the generated PrepareAsync that publishes its [Signal] members cannot exist");
                    }

                    _cancellationToken.ThrowIfCancellationRequested();
                    return new ComponentModel(
                        TypeRefOf(_type),
                        _type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
                        ContainingTypes(),
                        _type.Name,
                        alias ?? DefaultAlias(_type.Name),
                        baseKind,
                        constructor,
                        prepare,
                        start,
                        run,
                        // Sorted, so moving members around in the file leaves the model (and the cache) unchanged.
                        published.OrderBy(p => p.Member, StringComparer.Ordinal).ToEquatableArray(),
                        listeners.OrderBy(l => l.Method, StringComparer.Ordinal).ThenBy(l => l.SignalName, StringComparer.Ordinal).ToEquatableArray(),
                        children.ToEquatableArray(),
                        options.ToEquatableArray(),
                        _hasErrors,
                        Where(_type),
                        IsPublic(_type))
                    {
                        Bridges = _bridges.OrderBy(b => b.Member, StringComparer.Ordinal).ToEquatableArray(),

                        // A hand-written StartAsync leaves no generated start to bridge from: configuration cannot bridge its signals.
                        BridgeableSignals = overridden.Contains("StartAsync")
                            ? EquatableArray<BridgeableSignal>.Empty
                            : _bridgeable.OrderBy(b => b.SignalName, StringComparer.Ordinal).ToEquatableArray(),
                    };
                }

                private bool CheckShape()
                {
                    if (_type.IsRecord || _type.TypeKind != TypeKind.Class)
                    {
                        Invalid("it must be a class: records, structs and interfaces cannot derive from Asphalt.Component");
                        return false;
                    }

                    if (_type.IsStatic)
                    {
                        Invalid("it is static; a component is an object the application creates");
                    }
                    else if (_type.IsAbstract)
                    {
                        Invalid("it is abstract, so the generated factory cannot create it; put [Component] on the concrete class");
                    }

                    if (_type.TypeParameters.Length > 0)
                    {
                        Invalid("generic components are not supported; move the shared code into a generic base class without [Component] deriving from Asphalt.Component, and put [Component] on a non-generic class deriving from it (class StringCache : CacheBase<string>)");
                    }

                    if (!IsPartial(_type))
                    {
                        Invalid("it must be declared 'partial' so the generator can add its factory and start-up code");
                    }

                    for (var outer = _type.ContainingType; outer is not null; outer = outer.ContainingType)
                    {
                        if (!IsPartial(outer) || outer.TypeParameters.Length > 0)
                        {
                            Invalid($"its containing type '{outer.Name}' must be 'partial' and not generic");
                        }
                    }

                    foreach (var member in _type.GetMembers("Create"))
                    {
                        if (!IsGenerated(member))
                        {
                            Invalid("it declares a member named 'Create', the name of the generated factory; rename it", member.Locations.FirstOrDefault());
                        }
                    }

                    return true;
                }

                /// <summary>Usable from other assemblies: the type and every containing type are public.</summary>
                private static bool IsPublic(INamedTypeSymbol type)
                {
                    for (var current = type; current is not null; current = current.ContainingType)
                    {
                        if (current.DeclaredAccessibility != Accessibility.Public)
                        {
                            return false;
                        }
                    }

                    return true;
                }

                private static bool IsPartial(INamedTypeSymbol type) =>
                    type.DeclaringSyntaxReferences.Length > 0
                    && type.DeclaringSyntaxReferences.All(r =>
                        r.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

                private ComponentBase ParseBase()
                {
                    var baseType = _type.BaseType;
                    if (baseType is null || baseType.SpecialType == SpecialType.System_Object)
                    {
                        return ComponentBase.Added;
                    }

                    if (baseType.TypeKind == TypeKind.Error)
                    {
                        _hasErrors = true; // The compiler reports the unknown base type.
                        return ComponentBase.Component;
                    }

                    for (var ancestor = baseType; ancestor is not null; ancestor = ancestor.BaseType)
                    {
                        if (ancestor.GetAttributes().Any(IsComponentAttribute))
                        {
                            Invalid($"it derives from '{ancestor.Name}', which is a [Component] too; generated wiring is not inherited: derive both from a common base class without [Component]");
                            return ComponentBase.Component;
                        }
                    }

                    if (DerivesFrom(baseType, CliComponentType))
                    {
                        return ComponentBase.CliApplication;
                    }

                    if (DerivesFrom(baseType, ComponentType))
                    {
                        return ComponentBase.Component;
                    }

                    Invalid($"it derives from '{baseType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}', which is not Asphalt.Component; derive from Asphalt.Component or write no base class");
                    return ComponentBase.Component;
                }

                private EquatableArray<ContainingType> ContainingTypes()
                {
                    var list = new List<ContainingType>();
                    for (var outer = _type.ContainingType; outer is not null; outer = outer.ContainingType)
                    {
                        var keyword = outer.IsRecord
                            ? (outer.IsValueType ? "record struct" : "record")
                            : outer.TypeKind switch
                            {
                                TypeKind.Struct => "struct",
                                TypeKind.Interface => "interface",
                                _ => "class",
                            };
                        list.Insert(0, new ContainingType(keyword, outer.Name));
                    }

                    return list.ToEquatableArray();
                }

                private EquatableArray<ConstructorArgument> ParseConstructor(out List<OptionsType> options)
                {
                    options = new List<OptionsType>();
                    var constructors = _type.InstanceConstructors.Where(c => !IsGenerated(c) && !c.IsStatic).ToList();
                    if (constructors.Count != 1)
                    {
                        if (constructors.Count > 1)
                        {
                            Invalid("it has several constructors; keep one, the generated factory calls it with the component's options");
                        }

                        return EquatableArray<ConstructorArgument>.Empty;
                    }

                    var arguments = new List<ConstructorArgument>();
                    var optionsCount = 0;
                    foreach (var parameter in constructors[0].Parameters)
                    {
                        var parameterType = parameter.Type;
                        if (parameterType.TypeKind == TypeKind.Error)
                        {
                            _hasErrors = true;
                            continue;
                        }

                        if (FrameworkService(parameterType) is { } service)
                        {
                            arguments.Add(service == ConstructorArgumentKind.Logger
                                ? new ConstructorArgument(service, Escape(parameter.Name), TypeRefOf(parameterType), null, LoggerCategory(parameterType), IsTypedLogger(parameterType))
                                : new ConstructorArgument(service, Escape(parameter.Name), TypeRefOf(parameterType), null));
                            continue;
                        }

                        if (parameterType.ToDisplayString() == ConfigurationType)
                        {
                            arguments.Add(new ConstructorArgument(ConstructorArgumentKind.Configuration, Escape(parameter.Name), TypeRefOf(parameterType), null));
                            continue;
                        }

                        if (parameter.HasExplicitDefaultValue)
                        {
                            arguments.Add(new ConstructorArgument(ConstructorArgumentKind.Default, Escape(parameter.Name), TypeRefOf(parameterType), null));
                            continue;
                        }

                        if (++optionsCount > 1)
                        {
                            Invalid($"its constructor takes several options objects ('{parameter.Name}' is the second); the component's configuration section binds to one options type", parameter.Locations.FirstOrDefault());
                            continue;
                        }

                        // Reloadable<TOptions> binds TOptions exactly as a plain options parameter does; only the wrapping differs.
                        var kind = ConstructorArgumentKind.Options;
                        if (parameterType is INamedTypeSymbol { IsGenericType: true } wrapper && wrapper.OriginalDefinition.ToDisplayString() == ReloadableType)
                        {
                            kind = ConstructorArgumentKind.ReloadableOptions;
                            parameterType = wrapper.TypeArguments[0];
                        }

                        var binder = new OptionsBinderParser(_cancellationToken);
                        var method = binder.Visit(parameterType, out var error);
                        foreach (var (message, location) in binder.Warnings)
                        {
                            Report(DiagnosticDescriptors.UncheckedValidationAttribute, location ?? parameter.Locations.FirstOrDefault(),
                                parameterType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), TypeName, message);
                        }

                        if (method is null || binder.Errors.Count > 0)
                        {
                            var reason = error ?? string.Join("; ", binder.Errors);
                            Report(DiagnosticDescriptors.UnbindableOptions, parameter.Locations.FirstOrDefault(),
                                parameterType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), TypeName, reason);
                            continue;
                        }

                        options.AddRange(binder.Types);
                        arguments.Add(new ConstructorArgument(kind, Escape(parameter.Name), TypeRefOf(parameterType), method));
                    }

                    return arguments.ToEquatableArray();
                }

                /// <summary>The framework service a parameter of <paramref name="type"/> receives, if it is one.</summary>
                private static ConstructorArgumentKind? FrameworkService(ITypeSymbol type)
                {
                    if (IsTypedLogger(type))
                    {
                        return ConstructorArgumentKind.Logger;
                    }

                    return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() switch
                    {
                        LoggerType => ConstructorArgumentKind.Logger,
                        LoggerFactoryType => ConstructorArgumentKind.LoggerFactory,
                        TimeProviderType => ConstructorArgumentKind.TimeProvider,
                        _ => null,
                    };
                }

                private static bool IsTypedLogger(ITypeSymbol type) =>
                    type is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.ToDisplayString() == TypedLoggerType;

                /// <summary>A logger's category: <c>T</c> of <c>ILogger&lt;T&gt;</c>, or the component for a plain <c>ILogger</c>.</summary>
                private TypeRef LoggerCategory(ITypeSymbol loggerType) =>
                    TypeRefOf(IsTypedLogger(loggerType) ? ((INamedTypeSymbol)loggerType).TypeArguments[0] : _type);

                private StepMethod? ParseStep(string name, Phase phase, HashSet<string> overridden)
                {
                    // "Start" is accepted too: analyzers of async naming flag a synchronous method named StartAsync.
                    var syncName = name.Substring(0, name.Length - "Async".Length);
                    var methods = _type.GetMembers(name).Concat(_type.GetMembers(syncName)).OfType<IMethodSymbol>().Where(m => !IsGenerated(m)).ToList();
                    if (methods.Any(m => m.IsOverride && m.Name == name))
                    {
                        overridden.Add(name);
                    }

                    var declared = methods.Where(m => !m.IsOverride).ToList();
                    if (declared.Count == 0)
                    {
                        return null;
                    }

                    if (overridden.Contains(name))
                    {
                        Invalid($"it both overrides {name} and declares {declared[0].Name}; keep one", declared[0].Locations.FirstOrDefault());
                        return null;
                    }

                    if (declared.Any(m => m.Name == name) && declared.Any(m => m.Name == syncName))
                    {
                        Invalid($"it declares both {syncName} and {name}, which are the same step; keep one", declared.First(m => m.Name == name).Locations.FirstOrDefault());
                        return null;
                    }

                    if (declared.Count > 1)
                    {
                        Invalid($"it declares several {declared[0].Name} methods; keep one", declared[1].Locations.FirstOrDefault());
                        return null;
                    }

                    var method = declared[0];
                    var location = method.Locations.FirstOrDefault();
                    if (method.IsStatic || method.IsGenericMethod)
                    {
                        Invalid($"{method.Name} must be an instance method without type parameters", location);
                        return null;
                    }

                    if (method.IsAsync && method.ReturnsVoid)
                    {
                        Report(DiagnosticDescriptors.AsyncVoidMethod, location, TypeName, "step method", method.Name);
                        return null;
                    }

                    // StartAsync(Context, CancellationToken) hides the base class's method: the generated
                    // step then overrides the hook the runtime calls (Component.InvokeStartAsync) and forwards.
                    // RunAsync's base method is abstract and must be overridden, so there it stays an error.
                    var hidesBaseStep = method.Name == name
                        && method.Parameters.Length == 2
                        && method.Parameters[0].Type.ToDisplayString() == ContextType
                        && method.Parameters[1].Type.ToDisplayString() == "System.Threading.CancellationToken";
                    if (hidesBaseStep && phase == Phase.Run)
                    {
                        Invalid($"{name}(Context, CancellationToken) has the signature of the base class's abstract method; write 'public override async Task<int?> RunAsync(Context context, CancellationToken cancellationToken)' for hand-written wiring, or name it Run, or take resources as parameters", location);
                        return null;
                    }

                    var parameters = new List<InjectedParameter>();
                    foreach (var parameter in method.Parameters)
                    {
                        if (ParseParameter(method.Name, parameter) is { } injected)
                        {
                            parameters.Add(injected);
                        }
                    }

                    var (returnKind, resultType) = ClassifyReturn(method.ReturnType);
                    if (returnKind is null)
                    {
                        _hasErrors = true;
                        return null;
                    }

                    PublishedResource? published = null;
                    var resource = FindAttribute(new ImmutableAttributes(method.GetReturnTypeAttributes()), ResourceAttribute);
                    if (phase == Phase.Run)
                    {
                        if (resource is not null)
                        {
                            InvalidDeclaration("RunAsync's return value is the exit code; it cannot be a resource", AttributeLocation(resource, method));
                        }

                        if (resultType is not null && !IsExitCode(UnwrapResult(method.ReturnType)))
                        {
                            Invalid("RunAsync must return the exit code as int or int? (or Task/ValueTask of them), or nothing", location);
                        }
                    }
                    else if (resource is not null)
                    {
                        if (resultType is null)
                        {
                            InvalidDeclaration($"{method.Name} returns nothing, so its return value cannot be published as a resource", AttributeLocation(resource, method));
                        }
                        else
                        {
                            var valueType = UnwrapResult(method.ReturnType);
                            published = ParsePublished(resource, null, $"return value of {method.Name}", valueType, phase, false, AttributeLocation(resource, method));
                        }
                    }

                    return new StepMethod(Escape(method.Name), phase, parameters.ToEquatableArray(), returnKind.Value, resultType, published, hidesBaseStep);
                }

                private static ITypeSymbol UnwrapResult(ITypeSymbol returnType) =>
                    returnType is INamedTypeSymbol { IsGenericType: true } named
                    && (named.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>")
                        ? named.TypeArguments[0]
                        : returnType;

                private static (ReturnKind? Kind, TypeRef? Result) ClassifyReturn(ITypeSymbol returnType)
                {
                    if (returnType.TypeKind == TypeKind.Error)
                    {
                        return (null, null);
                    }

                    if (returnType.SpecialType == SpecialType.System_Void)
                    {
                        return (ReturnKind.Void, null);
                    }

                    switch (returnType.OriginalDefinition.ToDisplayString())
                    {
                        case "System.Threading.Tasks.Task":
                            return (ReturnKind.Task, null);
                        case "System.Threading.Tasks.ValueTask":
                            return (ReturnKind.ValueTask, null);
                        case "System.Threading.Tasks.Task<TResult>":
                            return (ReturnKind.TaskOfT, ResultRef(((INamedTypeSymbol)returnType).TypeArguments[0]));
                        case "System.Threading.Tasks.ValueTask<TResult>":
                            return (ReturnKind.ValueTaskOfT, ResultRef(((INamedTypeSymbol)returnType).TypeArguments[0]));
                        default:
                            return (ReturnKind.Value, ResultRef(returnType));
                    }
                }

                private static TypeRef ResultRef(ITypeSymbol type) => TypeRefOf(type);

                /// <summary>An exit code: <c>int</c> or <c>int?</c>.</summary>
                private static bool IsExitCode(ITypeSymbol type) =>
                    type.SpecialType == SpecialType.System_Int32
                    || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                    && nullable.TypeArguments[0].SpecialType == SpecialType.System_Int32;

                private InjectedParameter? ParseParameter(string method, IParameterSymbol parameter)
                {
                    var location = parameter.Locations.FirstOrDefault();
                    if (parameter.RefKind is RefKind.Ref or RefKind.Out)
                    {
                        Invalid($"parameter '{parameter.Name}' of {method} is ref or out; resources are passed by value", location);
                        return null;
                    }

                    var type = parameter.Type;
                    if (type.TypeKind == TypeKind.Error)
                    {
                        _hasErrors = true;
                        return null;
                    }

                    var display = type.ToDisplayString();
                    if (display == ContextType)
                    {
                        return new InjectedParameter(parameter.Name, ParameterKind.Context, null, string.Empty, false, string.Empty, null);
                    }

                    if (display == "System.Threading.CancellationToken")
                    {
                        return new InjectedParameter(parameter.Name, ParameterKind.CancellationToken, null, string.Empty, false, string.Empty, null);
                    }

                    var attributes = new ImmutableAttributes(parameter.GetAttributes());
                    var resource = FindAttribute(attributes, ResourceAttribute);
                    var fromServices = FindAttribute(attributes, FromServicesAttribute) is not null || FindAttribute(attributes, AspNetFromServicesAttribute) is not null;
                    switch (resource is null && !fromServices ? FrameworkService(type) : null)
                    {
                        case ConstructorArgumentKind.Logger:
                            return new InjectedParameter(parameter.Name, ParameterKind.Logger, LoggerCategory(type), string.Empty, false, string.Empty, null, IsTyped: IsTypedLogger(type));
                        case ConstructorArgumentKind.LoggerFactory:
                            return new InjectedParameter(parameter.Name, ParameterKind.LoggerFactory, null, string.Empty, false, string.Empty, null);
                        case ConstructorArgumentKind.TimeProvider:
                            // The clock the tree publishes if one is published by then (a test's fake, say), else the system's.
                            return new InjectedParameter(parameter.Name, ParameterKind.Resource, TypeRefOf(type), ResourceKeyName, true, "global::System.TimeProvider.System", Where(location));
                    }

                    var optional = false;
                    if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                    {
                        type = nullable.TypeArguments[0];
                        optional = true;
                    }
                    else if (type.NullableAnnotation == NullableAnnotation.Annotated)
                    {
                        optional = true;
                    }

                    var defaultValue = "default";
                    if (parameter.HasExplicitDefaultValue)
                    {
                        optional = true;
                        defaultValue = DefaultValueExpression(parameter.Type, parameter.ExplicitDefaultValue);
                    }

                    if (fromServices)
                    {
                        // A host's service, resolved when the step runs: no resource, so no wiring edge.
                        return new InjectedParameter(parameter.Name, ParameterKind.Service, TypeRefOf(type), string.Empty, optional, defaultValue, Where(location));
                    }

                    var name = ResourceKeyName;
                    OptionsMember? nameOption = null;
                    if (resource is not null)
                    {
                        name = StringArgument(resource, 0) ?? ResourceKeyName;
                        if (!IsIdentifier(name))
                        {
                            InvalidDeclaration($"resource name '{name}' of parameter '{parameter.Name}' is not an identifier", AttributeLocation(resource, parameter));
                        }

                        if (NamedArgument(resource, "NameOption")?.Value is string option)
                        {
                            nameOption = _options?.Members.FirstOrDefault(m => m.Name == option && m.Value.Kind == ValueKind.String && !m.IsConstructorParameter);
                            if (nameOption is null)
                            {
                                InvalidDeclaration(
                                    $"NameOption '{option}' of parameter '{parameter.Name}' is not a settable string property of the options type its constructor takes",
                                    AttributeLocation(resource, parameter));
                            }
                        }
                    }

                    return new InjectedParameter(parameter.Name, ParameterKind.Resource, TypeRefOf(type), name, optional, defaultValue, Where(location),
                        nameOption?.Name, nameOption?.Key);
                }

                private const string ResourceKeyName = "default";

                private List<PublishedResource> ParseMembers()
                {
                    var published = new List<PublishedResource>();
                    foreach (var member in _type.GetMembers())
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                        if (member is not (IPropertySymbol or IFieldSymbol) || member.IsImplicitlyDeclared || IsGenerated(member))
                        {
                            continue;
                        }

                        var attributes = new ImmutableAttributes(member.GetAttributes());
                        var resource = FindAttribute(attributes, ResourceAttribute);
                        var signal = FindAttribute(attributes, SignalAttribute);
                        if (resource is null && signal is null)
                        {
                            continue;
                        }

                        var kind = member is IPropertySymbol ? "property" : "field";
                        var memberType = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
                        var attribute = signal ?? resource!;
                        var location = AttributeLocation(attribute, member);
                        if (member.IsStatic)
                        {
                            InvalidDeclaration($"{kind} '{member.Name}' is static; resources are published per component instance", location);
                            continue;
                        }

                        if (member is IPropertySymbol { GetMethod: null })
                        {
                            InvalidDeclaration($"property '{member.Name}' has no getter to publish", location);
                            continue;
                        }

                        if (memberType.TypeKind == TypeKind.Error)
                        {
                            _hasErrors = true;
                            continue;
                        }

                        if (signal is not null)
                        {
                            if (memberType.OriginalDefinition.ToDisplayString() != SignalType)
                            {
                                InvalidDeclaration($"[Signal] {kind} '{member.Name}' must be of type Signal<TEvent>", location);
                                continue;
                            }

                            var name = StringArgument(signal, 0) ?? ResourceKeyName;
                            if (!IsIdentifier(name))
                            {
                                InvalidDeclaration($"signal name '{name}' of {kind} '{member.Name}' is not an identifier", location);
                                continue;
                            }

                            if (ParseBridge(signal, Escape(member.Name), name, memberType, location) is { } bridge)
                            {
                                _bridges.Add(bridge);
                            }

                            _bridgeable.Add(ParseBridgeable(Escape(member.Name), name, memberType));

                            var signalRef = TypeRefOf(memberType);
                            published.Add(new PublishedResource(Escape(member.Name), $"{kind} {member.Name}", signalRef, signalRef, name, false, true, Phase.Prepare, Where(location)));
                            continue;
                        }

                        if (ParsePublished(resource!, Escape(member.Name), $"{kind} {member.Name}", memberType, Phase.Start, false, location) is { } item)
                        {
                            published.Add(item);
                        }
                    }

                    return published;
                }

                private PublishedResource? ParsePublished(AttributeData attribute, string? member, string description, ITypeSymbol valueType, Phase phase, bool isSignal, Location? location)
                {
                    var name = StringArgument(attribute, 0) ?? ResourceKeyName;
                    if (!IsIdentifier(name))
                    {
                        InvalidDeclaration($"resource name '{name}' of {description} is not an identifier", location);
                        return null;
                    }

                    if (valueType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                    {
                        valueType = nullable.TypeArguments[0];
                    }

                    var publishedType = valueType;
                    if (NamedArgument(attribute, "PublishAs") is { Value: ITypeSymbol publishAs })
                    {
                        if (publishAs.TypeKind == TypeKind.Error)
                        {
                            _hasErrors = true;
                            return null;
                        }

                        if (!IsAssignable(valueType, publishAs))
                        {
                            InvalidDeclaration($"{description} is of type '{valueType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}', which cannot be published as '{publishAs.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' (PublishAs must be a base class or interface of it)", location);
                            return null;
                        }

                        publishedType = publishAs;
                    }

                    var owned = NamedArgument(attribute, "Owned") is { Value: true };
                    return new PublishedResource(member, description, TypeRefOf(valueType), TypeRefOf(publishedType), name, owned, isSignal, phase, Where(location));
                }

                private static bool IsAssignable(ITypeSymbol from, ITypeSymbol to)
                {
                    if (SymbolEqualityComparer.Default.Equals(from, to))
                    {
                        return true;
                    }

                    for (var current = from.BaseType; current is not null; current = current.BaseType)
                    {
                        if (SymbolEqualityComparer.Default.Equals(current, to))
                        {
                            return true;
                        }
                    }

                    return from.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, to));
                }

                private List<SignalListener> ParseListeners()
                {
                    var listeners = new List<SignalListener>();
                    foreach (var method in _type.GetMembers().OfType<IMethodSymbol>())
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                        foreach (var attribute in method.GetAttributes())
                        {
                            if (attribute.AttributeClass?.ToDisplayString() != SignalListenerAttribute)
                            {
                                continue;
                            }

                            var location = AttributeLocation(attribute, method);
                            var name = StringArgument(attribute, 0) ?? ResourceKeyName;
                            if (!IsIdentifier(name))
                            {
                                InvalidDeclaration($"signal name '{name}' of listener '{method.Name}' is not an identifier", location);
                                continue;
                            }

                            if (method.IsStatic || method.IsGenericMethod || method.Parameters.Length != 1 || method.Parameters[0].RefKind != RefKind.None)
                            {
                                InvalidDeclaration($"listener '{method.Name}' must be an instance method taking exactly one parameter, the event", location);
                                continue;
                            }

                            if (method.IsAsync && method.ReturnsVoid)
                            {
                                Report(DiagnosticDescriptors.AsyncVoidMethod, method.Locations.FirstOrDefault(), TypeName, "signal listener", method.Name);
                                continue;
                            }

                            var eventType = method.Parameters[0].Type;
                            if (eventType.TypeKind == TypeKind.Error || method.ReturnType.TypeKind == TypeKind.Error)
                            {
                                _hasErrors = true;
                                continue;
                            }

                            ListenerKind kind;
                            switch (method.ReturnType.ToDisplayString())
                            {
                                case "void": kind = ListenerKind.Sync; break;
                                case "System.Threading.Tasks.ValueTask": kind = ListenerKind.ValueTask; break;
                                case "System.Threading.Tasks.Task": kind = ListenerKind.Task; break;
                                default:
                                    InvalidDeclaration($"listener '{method.Name}' must return void, ValueTask or Task", location);
                                    continue;
                            }

                            var eventRef = TypeRefOf(eventType);
                            var signalRef = new TypeRef(
                                "global::Asphalt.Signal<" + eventRef.FullName + ">", "Signal<" + eventRef.DisplayName + ">", false);
                            listeners.Add(new SignalListener(Escape(method.Name), eventRef, signalRef, name, kind, Where(location)));
                        }
                    }

                    return listeners;
                }

                private List<ChildDeclaration> ParseChildren()
                {
                    var children = new List<ChildDeclaration>();
                    foreach (var attribute in _type.GetAttributes())
                    {
                        if (attribute.AttributeClass is not { IsGenericType: true } attributeClass
                            || attributeClass.OriginalDefinition.ToDisplayString() != ChildComponentAttribute)
                        {
                            continue;
                        }

                        var location = AttributeLocation(attribute, _type);
                        var childType = attributeClass.TypeArguments[0];
                        var alias = StringArgument(attribute, 0);
                        if (childType.TypeKind == TypeKind.Error || alias is null)
                        {
                            _hasErrors = true; // Half-typed attribute: the compiler reports it.
                            continue;
                        }

                        if (!IsIdentifier(alias))
                        {
                            Report(DiagnosticDescriptors.InvalidChildComponent, location, TypeName, $"child alias '{alias}' is not an identifier");
                            continue;
                        }

                        if (children.Any(c => c.Alias == alias))
                        {
                            Report(DiagnosticDescriptors.InvalidChildComponent, location, TypeName, $"two children are named '{alias}'");
                            continue;
                        }

                        ChildConstruction construction;
                        if (childType.GetAttributes().Any(IsComponentAttribute))
                        {
                            construction = GetsFactory(childType) ? ChildConstruction.Factory : ChildConstruction.NotGenerated;
                        }
                        else if (childType is INamedTypeSymbol { IsAbstract: false } named
                            && DerivesFrom(named, ComponentType)
                            && named.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
                        {
                            construction = ChildConstruction.New;
                        }
                        else
                        {
                            Report(DiagnosticDescriptors.InvalidChildComponent, location, TypeName,
                                $"child '{alias}' of type '{childType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' is neither a [Component] class nor a concrete Asphalt.Component with a public parameterless constructor");
                            continue;
                        }

                        children.Add(new ChildDeclaration(alias, TypeRefOf(childType), construction, Where(location)));
                    }

                    return children;
                }

                /// <summary>
                /// Whether a [Component] child has a generated <c>Create</c>: a child in this compilation is
                /// parsed (without its own children) as the generator would; one from a referenced assembly
                /// was compiled, so it has one if it declares it. A child that has none carries its own
                /// ASPH error, and the parent must still compile.
                /// </summary>
                private bool GetsFactory(ITypeSymbol childType)
                {
                    if (childType is not INamedTypeSymbol named)
                    {
                        return false;
                    }

                    var definition = named.OriginalDefinition;
                    if (!definition.Locations.Any(l => l.IsInSource))
                    {
                        return named.GetMembers("Create").Any(m => m.IsStatic);
                    }

                    return !_checkChildren
                        || new State(definition, null, _cancellationToken, checkChildren: false).Run() is { HasErrors: false };
                }

                private static string DefaultValueExpression(ITypeSymbol type, object? value)
                {
                    if (value is null)
                    {
                        return "default";
                    }

                    var literal = value switch
                    {
                        float f => SymbolDisplay.FormatPrimitive(f, true, false) + "F",
                        decimal d => SymbolDisplay.FormatPrimitive(d, true, false) + "M",
                        _ => SymbolDisplay.FormatPrimitive(value, true, false),
                    };
                    var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : type;
                    return underlying.TypeKind == TypeKind.Enum ? "(" + TypeRefOf(underlying).FullName + ")(" + literal + ")" : literal;
                }
            }
        }
    }

    /// <summary>A tiny wrapper so attribute lists from different APIs share one lookup helper.</summary>
    internal readonly struct ImmutableAttributes : IEnumerable<AttributeData>
    {
        private readonly System.Collections.Immutable.ImmutableArray<AttributeData> _items;

        public ImmutableAttributes(System.Collections.Immutable.ImmutableArray<AttributeData> items) => _items = items;

        public IEnumerator<AttributeData> GetEnumerator() => ((IEnumerable<AttributeData>)_items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

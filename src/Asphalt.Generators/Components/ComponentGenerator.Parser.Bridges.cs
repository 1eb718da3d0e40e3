using System;
using System.Collections.Generic;
using System.Linq;
using Asphalt.Generators.Diagnostics;
using Asphalt.Generators.Models;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Components
{
    public sealed partial class ComponentGenerator
    {
        internal static partial class Parser
        {
            private const string JsonSerializerContextType = "System.Text.Json.Serialization.JsonSerializerContext";
            private const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
            private const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
            private const string JsonConstructorAttribute = "System.Text.Json.Serialization.JsonConstructorAttribute";

            private sealed partial class State
            {
                /// <summary>
                /// A <c>[Signal(..., Channel = ...)]</c>: the channel, the <c>JsonSerializerContext</c> that has
                /// the event type's metadata (System.Text.Json's generator writes it; generators cannot see
                /// each other's output, so its attributes are read) and whether the event survives JSON.
                /// </summary>
                private BridgedSignal? ParseBridge(AttributeData signal, string member, string signalName, ITypeSymbol signalType, Location? location)
                {
                    if (NamedArgument(signal, "Channel") is not { Value: var value })
                    {
                        return null;
                    }

                    var channel = value as string;
                    if (string.IsNullOrWhiteSpace(channel))
                    {
                        InvalidDeclaration($"signal '{signalName}' of '{member}' has an empty Channel; name the channel every process bridging it shares", location);
                        return null;
                    }

                    var eventType = ((INamedTypeSymbol)signalType).TypeArguments[0];
                    var eventName = eventType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
                    foreach (var problem in JsonRoundTripProblems(eventType))
                    {
                        Report(DiagnosticDescriptors.UnserializableBridgedEvent, location, TypeName, signalName, channel!, eventName, problem);
                    }

                    var context = FindJsonContext(_type.ContainingAssembly.GlobalNamespace, eventType);
                    if (context is null)
                    {
                        Report(DiagnosticDescriptors.BridgedEventWithoutJsonMetadata, location, TypeName, signalName, channel!, eventName);
                        return null;
                    }

                    return new BridgedSignal(member, signalName, TypeRefOf(eventType), channel!, TypeRefOf(context), Where(location));
                }

                /// <summary>
                /// A published signal as configuration may bridge it (<c>bridges:</c>): its event type and the
                /// <c>JsonSerializerContext</c> with its metadata, found by the same rule as ASPH0021's (null when none).
                /// </summary>
                private BridgeableSignal ParseBridgeable(string member, string signalName, ITypeSymbol signalType)
                {
                    var eventType = ((INamedTypeSymbol)signalType).TypeArguments[0];
                    var context = FindJsonContext(_type.ContainingAssembly.GlobalNamespace, eventType);
                    return new BridgeableSignal(member, signalName, TypeRefOf(eventType), context is null ? null : TypeRefOf(context));
                }

                /// <summary>The first (by name, so the choice is stable) context of the assembly that has <c>[JsonSerializable(typeof(eventType))]</c>.</summary>
                private INamedTypeSymbol? FindJsonContext(INamespaceSymbol root, ITypeSymbol eventType)
                {
                    INamedTypeSymbol? found = null;
                    var pending = new Stack<INamespaceOrTypeSymbol>();
                    pending.Push(root);
                    while (pending.Count > 0)
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                        foreach (var member in pending.Pop().GetMembers())
                        {
                            if (member is INamespaceOrTypeSymbol container)
                            {
                                pending.Push(container);
                            }

                            if (member is INamedTypeSymbol type && IsJsonContextFor(type, eventType)
                                && (found is null || string.CompareOrdinal(type.ToDisplayString(), found.ToDisplayString()) < 0))
                            {
                                found = type;
                            }
                        }
                    }

                    return found;
                }

                private static bool IsJsonContextFor(INamedTypeSymbol type, ITypeSymbol eventType)
                {
                    var isContext = false;
                    for (var current = type.BaseType; current is not null; current = current.BaseType)
                    {
                        isContext |= current.ToDisplayString() == JsonSerializerContextType;
                    }

                    return isContext && type.GetAttributes().Any(a =>
                        a.AttributeClass?.ToDisplayString() == JsonSerializableAttribute
                        && a.ConstructorArguments.Length > 0
                        && a.ConstructorArguments[0].Value is ITypeSymbol serialized
                        && SymbolEqualityComparer.Default.Equals(serialized.WithNullableAnnotation(NullableAnnotation.NotAnnotated), eventType.WithNullableAnnotation(NullableAnnotation.NotAnnotated)));
                }

                /// <summary>
                /// What would not come back as it left, each naming the member: a stored get-only property no
                /// constructor parameter sets (it would arrive as its default), a member System.Text.Json cannot
                /// write (delegate, pointer, <c>Type</c>, <c>IntPtr</c>), or no constructor it can use.
                /// </summary>
                private static IEnumerable<string> JsonRoundTripProblems(ITypeSymbol eventType)
                {
                    if (eventType is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type
                        || type.SpecialType != SpecialType.None
                        || type.ContainingNamespace?.ToDisplayString().StartsWith("System", StringComparison.Ordinal) == true)
                    {
                        yield break; // Framework types: System.Text.Json's own converters decide.
                    }

                    // Implicit ones count: a class without constructors has a public parameterless one, a struct always has one.
                    var constructors = type.InstanceConstructors.ToList();
                    var constructor = constructors.FirstOrDefault(c => c.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == JsonConstructorAttribute))
                        ?? constructors.FirstOrDefault(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.Length == 0)
                        ?? (constructors.Count(c => c.DeclaredAccessibility == Accessibility.Public && !IsCopyConstructor(c, type)) == 1
                            ? constructors.First(c => c.DeclaredAccessibility == Accessibility.Public && !IsCopyConstructor(c, type))
                            : null);
                    if (type.IsAbstract || constructor is null)
                    {
                        yield return type.IsAbstract
                            ? "it is abstract, so it cannot be created when it arrives"
                            : "it has no constructor System.Text.Json can use (a public parameterless one, a single public one, or one marked [JsonConstructor])";
                        yield break;
                    }

                    var parameters = new HashSet<string>(constructor?.Parameters.Select(p => p.Name) ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
                    var backingFields = new HashSet<ISymbol>(
                        type.GetMembers().OfType<IFieldSymbol>().Where(f => f.AssociatedSymbol is not null).Select(f => f.AssociatedSymbol!),
                        SymbolEqualityComparer.Default);
                    foreach (var member in type.GetMembers().Where(m => !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared))
                    {
                        var memberType = member switch
                        {
                            IPropertySymbol { IsIndexer: false } property => property.Type,
                            IFieldSymbol field => field.Type,
                            _ => null,
                        };
                        if (memberType is null || member.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == JsonIgnoreAttribute))
                        {
                            continue;
                        }

                        if (memberType.TypeKind is TypeKind.Delegate or TypeKind.Pointer or TypeKind.FunctionPointer
                            || memberType.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr
                            || memberType.ToDisplayString() == "System.Type")
                        {
                            yield return $"member '{member.Name}' is of type '{memberType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}', which System.Text.Json cannot write; mark it [JsonIgnore] or change its type";
                            continue;
                        }

                        // A stored get-only property is written but never read back: it would arrive as its default.
                        // A computed one (no backing field) is recomputed, so it is fine.
                        if (member is IPropertySymbol { SetMethod: null } stored && backingFields.Contains(stored) && !parameters.Contains(stored.Name))
                        {
                            yield return $"get-only property '{member.Name}' is set by no parameter of the constructor System.Text.Json uses, so it would arrive as its default; add a constructor parameter named '{char.ToLowerInvariant(member.Name[0]) + member.Name.Substring(1)}', give it a setter or init, or mark it [JsonIgnore]";
                        }
                    }
                }

                private static bool IsCopyConstructor(IMethodSymbol constructor, INamedTypeSymbol type) =>
                    constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);
            }
        }
    }
}

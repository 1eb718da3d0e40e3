using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Packages
{
    /// <summary>
    /// The components of the assemblies a compilation references (component packages), read from
    /// their manifests (<see cref="ComponentManifest"/>).
    /// </summary>
    /// <remarks>
    /// Cheap on every edit: only assemblies that reference Asphalt.Runtime are looked at, and each
    /// referenced assembly's models are read once and kept with its symbol, which Roslyn reuses across
    /// the compilations of an editing session while the references do not change.
    /// </remarks>
    internal static class ReferencedComponents
    {
        private const string RuntimeAssembly = "Asphalt.Runtime";

        private static readonly ConditionalWeakTable<IAssemblySymbol, Models> Cache = new();

        /// <summary>Every referenced component, sorted by type name (equatable, so unchanged references leave the pipeline cached).</summary>
        public static EquatableArray<ComponentModel> Read(Compilation compilation, CancellationToken cancellationToken)
        {
            var models = new List<ComponentModel>();
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ReferencesRuntime(assembly))
                {
                    models.AddRange(Cache.GetValue(assembly, static a => new Models(ReadAssembly(a))).Items);
                }
            }

            return models.OrderBy(m => m.Type.FullName, StringComparer.Ordinal).ToEquatableArray();
        }

        private static bool ReferencesRuntime(IAssemblySymbol assembly) =>
            assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == RuntimeAssembly));

        private static List<ComponentModel> ReadAssembly(IAssemblySymbol assembly)
        {
            var models = new List<ComponentModel>();
            foreach (var attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == ComponentManifest.AttributeName
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string text
                    && ComponentManifest.Read(text) is { } model)
                {
                    models.Add(model);
                }
            }

            return models;
        }

        /// <summary>A reference type around the list, as <see cref="ConditionalWeakTable{TKey, TValue}"/> wants.</summary>
        private sealed class Models(List<ComponentModel> items)
        {
            public IReadOnlyList<ComponentModel> Items { get; } = items;
        }
    }
}

using Microsoft.CodeAnalysis;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>Framework types the blocking analysis needs, resolved once per compilation.</summary>
    internal sealed class KnownSymbols
    {
        public KnownSymbols(Compilation compilation)
        {
            Compilation = compilation;
            Task = Resolve(compilation, "System.Threading.Tasks.Task");
            TaskOfT = Resolve(compilation, "System.Threading.Tasks.Task`1");
            ValueTask = Resolve(compilation, "System.Threading.Tasks.ValueTask");
            ValueTaskOfT = Resolve(compilation, "System.Threading.Tasks.ValueTask`1");
            TaskFactory = Resolve(compilation, "System.Threading.Tasks.TaskFactory");
            TaskFactoryOfT = Resolve(compilation, "System.Threading.Tasks.TaskFactory`1");
            TaskStatus = Resolve(compilation, "System.Threading.Tasks.TaskStatus");
            CancellationToken = Resolve(compilation, "System.Threading.CancellationToken");
            TimeSpan = Resolve(compilation, "System.TimeSpan");
            Enumerable = Resolve(compilation, "System.Linq.Enumerable");
            ListOfT = Resolve(compilation, "System.Collections.Generic.List`1");
            Array = Resolve(compilation, "System.Array");
            ConcurrentDictionary = Resolve(compilation, "System.Collections.Concurrent.ConcurrentDictionary`2");
            LazyOfT = Resolve(compilation, "System.Lazy`1");
            IAsyncEnumerableOfT = Resolve(compilation, "System.Collections.Generic.IAsyncEnumerable`1");
        }

        public Compilation Compilation { get; }

        /// <summary>
        /// Resolves a framework type. GetTypeByMetadataName returns null when two references
        /// define the name (System.Lazy`1 in the net10.0 pack); then the public one wins.
        /// </summary>
        public static INamedTypeSymbol? Resolve(Compilation compilation, string metadataName)
        {
            var type = compilation.GetTypeByMetadataName(metadataName);
            if (type is not null)
            {
                return type;
            }

            foreach (var candidate in compilation.GetTypesByMetadataName(metadataName))
            {
                if (candidate.DeclaredAccessibility == Accessibility.Public)
                {
                    return candidate;
                }
            }

            return null;
        }
        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? TaskOfT { get; }
        public INamedTypeSymbol? ValueTask { get; }
        public INamedTypeSymbol? ValueTaskOfT { get; }
        public INamedTypeSymbol? TaskFactory { get; }
        public INamedTypeSymbol? TaskFactoryOfT { get; }
        public INamedTypeSymbol? TaskStatus { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public INamedTypeSymbol? TimeSpan { get; }
        public INamedTypeSymbol? Enumerable { get; }
        public INamedTypeSymbol? ListOfT { get; }
        public INamedTypeSymbol? Array { get; }
        public INamedTypeSymbol? ConcurrentDictionary { get; }
        public INamedTypeSymbol? LazyOfT { get; }
        public INamedTypeSymbol? IAsyncEnumerableOfT { get; }

        /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
        public bool IsTaskLike(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            var def = named.OriginalDefinition;
            return Eq(def, Task) || Eq(def, TaskOfT) || Eq(def, ValueTask) || Eq(def, ValueTaskOfT);
        }

        /// <summary>Task or ValueTask, generic or not, or IAsyncEnumerable&lt;T&gt;.</summary>
        public bool IsAwaitableOrAsyncStream(ITypeSymbol? type) =>
            IsTaskLike(type) || (type is INamedTypeSymbol n && Eq(n.OriginalDefinition, IAsyncEnumerableOfT));

        public static bool Eq(ISymbol? a, ISymbol? b) => a is not null && SymbolEqualityComparer.Default.Equals(a, b);

        public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                if (Eq(t.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

using Microsoft.CodeAnalysis;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>Framework types the blocking analysis needs, resolved once per compilation.</summary>
    internal sealed class KnownSymbols
    {
        public KnownSymbols(Compilation compilation)
        {
            Compilation = compilation;
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
            TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
            TaskStatus = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskStatus");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
            Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            Array = compilation.GetTypeByMetadataName("System.Array");
            ConcurrentDictionary = compilation.GetTypeByMetadataName("System.Collections.Concurrent.ConcurrentDictionary`2");
            LazyOfT = compilation.GetTypeByMetadataName("System.Lazy`1");
            IAsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        }

        public Compilation Compilation { get; }
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

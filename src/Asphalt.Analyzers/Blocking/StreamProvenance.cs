using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>
    /// What a stream, reader or writer value is backed by, traced through locals, wrappers and
    /// parameters: in memory (no I/O), a parameter of the enclosing method (decided per call
    /// site by <see cref="CallSummaries"/>), or unknown (treated as real I/O).
    /// </summary>
    internal readonly struct Provenance
    {
        private Provenance(bool inMemory, ImmutableArray<IParameterSymbol> parameters, bool onReceiver)
        {
            InMemory = inMemory;
            Parameters = parameters;
            OnReceiver = onReceiver;
        }

        public static Provenance Memory { get; } = new Provenance(true, ImmutableArray<IParameterSymbol>.Empty, false);

        public static Provenance Unknown { get; } = new Provenance(false, ImmutableArray<IParameterSymbol>.Empty, false);

        /// <summary>What the object the enclosing method runs on (<c>this</c>) was constructed over.</summary>
        public static Provenance Receiver { get; } = new Provenance(false, ImmutableArray<IParameterSymbol>.Empty, true);

        public static Provenance Of(IParameterSymbol parameter) => new Provenance(false, ImmutableArray.Create(parameter), false);

        /// <summary>Backed by memory whatever the callers pass.</summary>
        public bool InMemory { get; }

        /// <summary>In memory exactly when the arguments for these parameters are.</summary>
        public ImmutableArray<IParameterSymbol> Parameters { get; }

        /// <summary>In memory only if the receiver of the call is (a writer object over a <c>StringWriter</c>).</summary>
        public bool OnReceiver { get; }

        public bool IsUnknown => !InMemory && Parameters.IsEmpty && !OnReceiver;

        /// <summary>Both values must be in memory for the result to be.</summary>
        public Provenance And(Provenance other)
        {
            if (IsUnknown || other.IsUnknown)
            {
                return Unknown;
            }

            if (InMemory || other.InMemory)
            {
                return InMemory ? other : this;
            }

            return new Provenance(false, Parameters.AddRange(other.Parameters.Except(Parameters, SymbolEqualityComparer.Default).Cast<IParameterSymbol>()), OnReceiver || other.OnReceiver);
        }
    }

    /// <summary>Computes <see cref="Provenance"/> for stream-like values; one instance per compilation.</summary>
    internal sealed class StreamProvenance
    {
        private const int MaxDepth = 8;

        private static readonly string[] InMemoryTypeNames =
        {
            "System.IO.MemoryStream", "System.IO.UnmanagedMemoryStream", "System.IO.StringReader", "System.IO.StringWriter",
        };

        // Values derived from their receiver: an archive's entries and their streams, the stream of HTTP content.
        private static readonly string[] DerivedMembers = { "GetEntry", "CreateEntry", "Open", "ReadAsStream" };

        private readonly INamedTypeSymbol[] _inMemoryTypes;
        private readonly INamedTypeSymbol? _stream;
        private readonly INamedTypeSymbol? _textReader;
        private readonly INamedTypeSymbol? _textWriter;
        private readonly INamedTypeSymbol? _httpContent;
        private readonly INamedTypeSymbol? _httpClient;
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();

        public StreamProvenance(Compilation compilation)
        {
            _compilation = compilation;
            _inMemoryTypes = InMemoryTypeNames.Select(n => KnownSymbols.Resolve(compilation, n)).Where(t => t is not null).ToArray()!;
            _stream = KnownSymbols.Resolve(compilation, "System.IO.Stream");
            _textReader = KnownSymbols.Resolve(compilation, "System.IO.TextReader");
            _textWriter = KnownSymbols.Resolve(compilation, "System.IO.TextWriter");
            _httpContent = KnownSymbols.Resolve(compilation, "System.Net.Http.HttpContent");
            _httpClient = KnownSymbols.Resolve(compilation, "System.Net.Http.HttpClient");
        }

        /// <summary>True for a type that never does I/O (<c>MemoryStream</c>, <c>StringReader</c> ...).</summary>
        public bool IsInMemoryType(ITypeSymbol? type) => _inMemoryTypes.Any(t => KnownSymbols.InheritsFrom(type, t));

        /// <summary>
        /// The provenance of the value a blocking member works on: its receiver and, for
        /// <c>CopyTo</c>, its destination (a copy into a file blocks even from memory).
        /// </summary>
        public Provenance OfCall(ISymbol member, IOperation? instance, ImmutableArray<IArgumentOperation> arguments)
        {
            var receiver = IsInMemoryType(member.ContainingType) ? Provenance.Memory
                : instance is null ? Provenance.Unknown
                : Of(instance);
            if (member.Name == "CopyTo" && !arguments.IsDefaultOrEmpty)
            {
                foreach (var argument in arguments)
                {
                    if (argument.Parameter?.Name == "destination")
                    {
                        receiver = receiver.And(Of(argument.Value));
                    }
                }
            }

            return receiver;
        }

        /// <summary>The provenance of every stream, reader or writer argument together; in memory when there is none.</summary>
        public Provenance OfStreamArguments(ImmutableArray<IArgumentOperation> arguments)
        {
            var result = Provenance.Memory;
            foreach (var argument in arguments)
            {
                if (IsStreamLike(argument.Parameter?.Type))
                {
                    result = result.And(Of(argument.Value));
                }
            }

            return result;
        }

        /// <summary>What a stream, reader, writer, archive entry or HTTP content value is backed by.</summary>
        public Provenance Of(IOperation value) => Of(value, 0);

        private Provenance Of(IOperation value, int depth)
        {
            value = BlockingCatalog.Strip(value);
            if (IsInMemoryType(value.Type))
            {
                return Provenance.Memory;
            }

            if (depth > MaxDepth)
            {
                return Provenance.Unknown;
            }

            switch (value)
            {
                case IParameterReferenceOperation parameter:
                    return Provenance.Of(parameter.Parameter);
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    return Provenance.Receiver;
                case IFieldReferenceOperation { Field: var field, Instance: IInstanceReferenceOperation }:
                    return OfHeldValue(field, depth);
                case IPropertyReferenceOperation { Property: var held, Arguments.Length: 0, Instance: IInstanceReferenceOperation } when IsStreamLike(held.Type):
                    return OfHeldValue(held, depth);
                case ILocalReferenceOperation local:
                    return OfLocal(local, depth);
                case IObjectCreationOperation creation:
                    // A wrapper (GZipStream, BufferedStream, CryptoStream, StreamReader, BinaryWriter,
                    // ZipArchive, a third-party stream) does I/O only through what it wraps.
                    foreach (var argument in creation.Arguments)
                    {
                        if (IsStreamLike(argument.Parameter?.Type))
                        {
                            return Of(argument.Value, depth + 1);
                        }
                    }

                    return Provenance.Unknown;
                case IPropertyReferenceOperation { Property.Name: "Content" } when IsBufferedContent(value, depth):
                    return Provenance.Memory;
                case IInvocationOperation invocation when invocation.Instance is { } receiver && DerivedMembers.Contains(invocation.TargetMethod.Name):
                    return Of(receiver, depth + 1);
                case IPropertyReferenceOperation { Property.Name: "BaseStream" } property when property.Instance is { } owner:
                    return Of(owner, depth + 1);
                case IPropertyReferenceOperation { Property.Name: "Entries", Instance: { } archive }:
                    return Of(archive, depth + 1);
                case IPropertyReferenceOperation { Arguments.Length: > 0, Instance: { } collection }:
                    return Of(collection, depth + 1); // archive.Entries[0]
                default:
                    return Provenance.Unknown;
            }
        }

        /// <summary>
        /// A stream, reader or writer an object holds (<c>this.Writer</c>): given once by its constructor,
        /// it is what the constructor's parameter is, which is what the object was constructed over (a
        /// wrapper's rule: <c>new YamlWriter(new StringWriter(sb))</c> is in memory).
        /// </summary>
        private Provenance OfHeldValue(ISymbol member, int depth)
        {
            if (member.IsStatic || !IsStreamLike(member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type))
            {
                return Provenance.Unknown;
            }

            return ConstructorValues.Single(member, GetModel) switch
            {
                IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } => Provenance.Receiver,
                { } value when Of(value, depth + 1).InMemory => Provenance.Memory,
                _ => Provenance.Unknown,
            };
        }

#pragma warning disable RS1030 // The constructors of a held value's type need their semantic model; cached per tree and compilation.
        private SemanticModel GetModel(SyntaxTree tree) => _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030

        /// <summary>A local is what every value assigned to it is.</summary>
        private Provenance OfLocal(ILocalReferenceOperation local, int depth)
        {
            var root = (IOperation)local;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            Provenance? result = null;
            foreach (var assigned in Locals.AssignedValues(local))
            {
                var provenance = assigned is null ? Provenance.Unknown : Of(assigned, depth + 1);
                result = result is { } previous ? previous.And(provenance) : provenance;
            }

            return result ?? Provenance.Unknown;
        }

        /// <summary>
        /// <c>response.Content</c> of a response from <c>SendAsync</c>/<c>GetAsync</c> without
        /// <c>HttpCompletionOption.ResponseHeadersRead</c>: the body was read into memory before the task completed.
        /// </summary>
        private bool IsBufferedContent(IOperation content, int depth)
        {
            content = BlockingCatalog.Strip(content);
            if (content is not IPropertyReferenceOperation { Property.Name: "Content", Instance: { } response }
                || !KnownSymbols.InheritsFrom(content.Type, _httpContent))
            {
                return false;
            }

            return ResponseSource(response, depth) is { } send
                && KnownSymbols.InheritsFrom(send.TargetMethod.ContainingType, _httpClient)
                && send.TargetMethod.Name is "SendAsync" or "GetAsync" or "PostAsync" or "PutAsync" or "PatchAsync" or "DeleteAsync" or "Send"
                && !send.Arguments.Any(a => BlockingCatalog.Strip(a.Value) is IFieldReferenceOperation { Field.Name: "ResponseHeadersRead" });
        }

        private static IInvocationOperation? ResponseSource(IOperation response, int depth)
        {
            response = BlockingCatalog.Strip(response);
            if (response is ILocalReferenceOperation local && depth <= MaxDepth)
            {
                // Exactly one value, from a send: assigned more than once, do not guess.
                var assigned = Locals.AssignedValues(local).Take(2).ToList();
                return assigned.Count == 1 && assigned[0] is { } value ? ResponseSource(value, depth + 1) : null;
            }

            if (response is IAwaitOperation awaited)
            {
                response = BlockingCatalog.Strip(awaited.Operation);
                while (response is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } inner })
                {
                    response = BlockingCatalog.Strip(inner);
                }
            }

            return response as IInvocationOperation;
        }

        private bool IsStreamLike(ITypeSymbol? type) =>
            KnownSymbols.InheritsFrom(type, _stream) || KnownSymbols.InheritsFrom(type, _textReader) || KnownSymbols.InheritsFrom(type, _textWriter);
    }
}

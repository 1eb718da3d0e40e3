using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>What kind of blocking a catalogue member does; decides the message and the fix.</summary>
    internal enum BlockingCategory
    {
        /// <summary><c>Task&lt;T&gt;.Result</c>, <c>ValueTask&lt;T&gt;.Result</c>, awaiter <c>GetResult()</c>.</summary>
        TaskResult,

        /// <summary><c>Task.Wait(...)</c>.</summary>
        TaskWait,

        /// <summary><c>Task.WaitAll(...)</c>.</summary>
        TaskWaitAll,

        /// <summary><c>Task.WaitAny(...)</c>.</summary>
        TaskWaitAny,

        /// <summary><c>Thread.Sleep(...)</c>.</summary>
        Sleep,

        /// <summary>A synchronization primitive or thread wait; an async twin only where one exists.</summary>
        Wait,

        /// <summary>Synchronous I/O with an awaitable twin.</summary>
        Io,

        /// <summary>Marked by the user: <c>[Blocking]</c> or the AdditionalFiles list.</summary>
        User,
    }

    [Flags]
    internal enum BlockingFlags
    {
        None = 0,

        /// <summary>A zero timeout (<c>0</c>, <c>TimeSpan.Zero</c>) makes the call a non-blocking poll.</summary>
        ZeroTimeoutPolls = 1,

        /// <summary>Without a timeout argument the call does not wait (<c>BlockingCollection.TryTake(out x)</c>).</summary>
        NoTimeoutPolls = 2,

        /// <summary>On an in-memory receiver (<c>MemoryStream</c>, <c>StringReader</c>) the call is CPU only.</summary>
        InMemoryExempt = 4,

        /// <summary>Acquires a lock: blocks only as long as some critical section of the same lock runs (<see cref="LockSections"/>).</summary>
        Lock = 8,

        /// <summary>Does I/O only through its <c>Stream</c>/reader/writer arguments (<c>JsonSerializer.Serialize(stream, x)</c>), and none without one.</summary>
        StreamArguments = 16,
    }

    /// <summary>A member known to block, with what the analyzers need to explain and fix it.</summary>
    internal sealed class BlockingMember
    {
        public BlockingMember(ISymbol symbol, BlockingCategory category, BlockingFlags flags, string? asyncName)
        {
            Symbol = symbol;
            Category = category;
            Flags = flags;
            AsyncName = asyncName;
            Display = BlockingCatalog.Describe(symbol);
        }

        public ISymbol Symbol { get; }
        public BlockingCategory Category { get; }
        public BlockingFlags Flags { get; }

        /// <summary>The name of the awaitable replacement on the same type, when there is one.</summary>
        public string? AsyncName { get; }

        /// <summary>How the member is shown in messages, e.g. <c>File.ReadAllText(string)</c>.</summary>
        public string Display { get; }

        /// <summary>The advice part of a message.</summary>
        public string Advice => Category switch
        {
            BlockingCategory.TaskResult => "await the task instead",
            BlockingCategory.TaskWait => "await the task instead",
            BlockingCategory.TaskWaitAll => "await Task.WhenAll(...) instead",
            BlockingCategory.TaskWaitAny => "await Task.WhenAny(...) instead",
            BlockingCategory.Sleep => "await Task.Delay(...) instead",
            _ when AsyncName is not null => "await '" + AsyncName + "' instead",
            _ => "use an awaitable alternative or move the call off the async path with Offload.RunAsync",
        };
    }

    /// <summary>
    /// The curated table of blocking framework members, extended by <c>[Blocking]</c> and the
    /// AdditionalFiles list. Built once per compilation; lookups are memoized per member.
    /// </summary>
    internal sealed class BlockingCatalog
    {
        private const BlockingFlags Zero = BlockingFlags.ZeroTimeoutPolls;

        // (type metadata name, member, category, flags). Matching is by type and name, so every
        // overload and generic arity is covered; overrides are matched through OverriddenMethod.
        private static readonly (string Type, string Member, BlockingCategory Category, BlockingFlags Flags)[] Members =
        {
            ("System.Threading.Tasks.Task", "Wait", BlockingCategory.TaskWait, Zero),
            ("System.Threading.Tasks.Task", "WaitAll", BlockingCategory.TaskWaitAll, Zero),
            ("System.Threading.Tasks.Task", "WaitAny", BlockingCategory.TaskWaitAny, Zero),
            ("System.Threading.Tasks.Task`1", "Result", BlockingCategory.TaskResult, 0),
            ("System.Threading.Tasks.ValueTask`1", "Result", BlockingCategory.TaskResult, 0),
            ("System.Runtime.CompilerServices.TaskAwaiter", "GetResult", BlockingCategory.TaskResult, 0),
            ("System.Runtime.CompilerServices.TaskAwaiter`1", "GetResult", BlockingCategory.TaskResult, 0),
            ("System.Runtime.CompilerServices.ValueTaskAwaiter", "GetResult", BlockingCategory.TaskResult, 0),
            ("System.Runtime.CompilerServices.ValueTaskAwaiter`1", "GetResult", BlockingCategory.TaskResult, 0),
            ("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter", "GetResult", BlockingCategory.TaskResult, 0),
            ("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter", "GetResult", BlockingCategory.TaskResult, 0),
            ("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter", "GetResult", BlockingCategory.TaskResult, 0),
            ("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter", "GetResult", BlockingCategory.TaskResult, 0),
            ("System.Threading.Thread", "Sleep", BlockingCategory.Sleep, Zero),
            ("System.Threading.Thread", "Join", BlockingCategory.Wait, Zero),
            ("System.Threading.Monitor", "Wait", BlockingCategory.Wait, Zero),
            ("System.Threading.Monitor", "Enter", BlockingCategory.Wait, BlockingFlags.Lock),
            ("System.Threading.Monitor", "TryEnter", BlockingCategory.Wait, Zero | BlockingFlags.NoTimeoutPolls | BlockingFlags.Lock),
            ("System.Threading.WaitHandle", "WaitOne", BlockingCategory.Wait, Zero),
            ("System.Threading.WaitHandle", "WaitAll", BlockingCategory.Wait, Zero),
            ("System.Threading.WaitHandle", "WaitAny", BlockingCategory.Wait, Zero),
            ("System.Threading.WaitHandle", "SignalAndWait", BlockingCategory.Wait, Zero),
            ("System.Threading.SemaphoreSlim", "Wait", BlockingCategory.Wait, Zero | BlockingFlags.Lock),
            ("System.Threading.ManualResetEventSlim", "Wait", BlockingCategory.Wait, Zero),
            ("System.Threading.CountdownEvent", "Wait", BlockingCategory.Wait, Zero),
            ("System.Threading.Barrier", "SignalAndWait", BlockingCategory.Wait, Zero),
            ("System.Threading.ReaderWriterLockSlim", "EnterReadLock", BlockingCategory.Wait, BlockingFlags.Lock),
            ("System.Threading.ReaderWriterLockSlim", "EnterWriteLock", BlockingCategory.Wait, BlockingFlags.Lock),
            ("System.Threading.ReaderWriterLockSlim", "EnterUpgradeableReadLock", BlockingCategory.Wait, BlockingFlags.Lock),
            ("System.Collections.Concurrent.BlockingCollection`1", "Take", BlockingCategory.Wait, 0),
            ("System.Collections.Concurrent.BlockingCollection`1", "TryTake", BlockingCategory.Wait, Zero | BlockingFlags.NoTimeoutPolls),
            ("System.Collections.Concurrent.BlockingCollection`1", "TakeFromAny", BlockingCategory.Wait, 0),
            ("System.Collections.Concurrent.BlockingCollection`1", "TryTakeFromAny", BlockingCategory.Wait, Zero | BlockingFlags.NoTimeoutPolls),
            ("System.Collections.Concurrent.BlockingCollection`1", "GetConsumingEnumerable", BlockingCategory.Wait, 0),
            ("System.Threading.Tasks.Parallel", "For", BlockingCategory.Wait, 0),
            ("System.Threading.Tasks.Parallel", "ForEach", BlockingCategory.Wait, 0),
            ("System.Threading.Tasks.Parallel", "Invoke", BlockingCategory.Wait, 0),
            ("System.Diagnostics.Process", "WaitForExit", BlockingCategory.Io, Zero),
            ("System.Diagnostics.Process", "WaitForInputIdle", BlockingCategory.Wait, Zero),
            ("System.IO.File", "ReadLines", BlockingCategory.Io, 0),
            ("System.Data.IDbConnection", "Open", BlockingCategory.Io, 0),
            ("System.Data.IDbCommand", "ExecuteNonQuery", BlockingCategory.Io, 0),
            ("System.Data.IDbCommand", "ExecuteScalar", BlockingCategory.Io, 0),
            ("System.Data.IDbCommand", "ExecuteReader", BlockingCategory.Io, 0),
            ("System.Data.IDataReader", "Read", BlockingCategory.Io, 0),
            ("System.Data.IDataReader", "NextResult", BlockingCategory.Io, 0),

            // AnyMember: every method of the type (except TwinExclusions) blocks.
            ("System.IO.BinaryReader", AnyMember, BlockingCategory.Io, BlockingFlags.InMemoryExempt),
            ("System.IO.BinaryWriter", AnyMember, BlockingCategory.Io, BlockingFlags.InMemoryExempt),
            ("System.IO.Compression.ZipFile", AnyMember, BlockingCategory.Io, 0),
            ("System.IO.Compression.ZipFileExtensions", AnyMember, BlockingCategory.Io, 0),
            ("System.IO.Compression.ZipArchiveEntry", "Open", BlockingCategory.Io, BlockingFlags.InMemoryExempt),
            ("System.Text.Json.JsonSerializer", "Serialize", BlockingCategory.Io, BlockingFlags.StreamArguments),
            ("System.Text.Json.JsonSerializer", "Deserialize", BlockingCategory.Io, BlockingFlags.StreamArguments),
        };

        private const string AnyMember = "*";

        // Sync members whose awaitable twin has another name.
        private static readonly (string Type, string Member, string AsyncName)[] Renamed =
        {
            ("System.Net.WebClient", "DownloadString", "DownloadStringTaskAsync"),
            ("System.Net.WebClient", "DownloadData", "DownloadDataTaskAsync"),
            ("System.Net.WebClient", "DownloadFile", "DownloadFileTaskAsync"),
            ("System.Net.WebClient", "UploadString", "UploadStringTaskAsync"),
            ("System.Net.WebClient", "UploadData", "UploadDataTaskAsync"),
            ("System.Net.WebClient", "OpenRead", "OpenReadTaskAsync"),
            ("System.Net.NetworkInformation.Ping", "Send", "SendPingAsync"),
            ("System.Net.Mail.SmtpClient", "Send", "SendMailAsync"),
        };

        // Types whose every sync member with an awaitable "...Async" twin does I/O or waits. The
        // twin rule applies only here: elsewhere (CancellationTokenSource.Cancel, parsing,
        // EF's Add) a same-named Async method says nothing about blocking.
        private static readonly string[] IoTypes =
        {
            "System.IO.Stream", "System.IO.TextReader", "System.IO.TextWriter", "System.IO.File",
            "System.IO.RandomAccess", "System.IO.Pipes.NamedPipeServerStream", "System.IO.Pipes.NamedPipeClientStream",
            "System.Net.Sockets.Socket", "System.Net.Sockets.TcpClient", "System.Net.Sockets.TcpListener",
            "System.Net.Sockets.UdpClient", "System.Net.Dns", "System.Net.Security.SslStream",
            "System.Net.Security.NegotiateStream", "System.Net.Http.HttpClient", "System.Net.Http.HttpContent",
            "System.Net.WebRequest", "System.Data.Common.DbConnection", "System.Data.Common.DbCommand",
            "System.Data.Common.DbDataReader", "System.Data.Common.DbTransaction", "System.Data.Common.DbBatch",
            "System.Diagnostics.Process",
        };

        // Twins that exist but do not mean the sync member blocks (or would be a noisy rewrite).
        private static readonly HashSet<string> TwinExclusions = new HashSet<string>(StringComparer.Ordinal)
        {
            "Dispose", "Close", "GetFieldValue", "IsDBNull", "ToString", "Equals", "GetHashCode", "Seek", "GetType",
        };

        private static readonly SymbolDisplayFormat DisplayFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters,
            parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        private readonly Dictionary<INamedTypeSymbol, List<(string Member, BlockingCategory Category, BlockingFlags Flags)>> _members;
        private readonly Dictionary<INamedTypeSymbol, Dictionary<string, string>> _renamed;
        private readonly HashSet<INamedTypeSymbol> _ioTypes;
        private readonly BlockingApiList _list;
        private readonly ConcurrentDictionary<ISymbol, BlockingMember?> _memo =
            new ConcurrentDictionary<ISymbol, BlockingMember?>(SymbolEqualityComparer.Default);

        public BlockingCatalog(KnownSymbols known, BlockingApiList list)
        {
            Known = known;
            _list = list;
            var compilation = known.Compilation;
            _members = new Dictionary<INamedTypeSymbol, List<(string, BlockingCategory, BlockingFlags)>>(SymbolEqualityComparer.Default);
            foreach (var (typeName, member, category, flags) in Members)
            {
                if (KnownSymbols.Resolve(compilation, typeName) is { } type)
                {
                    if (!_members.TryGetValue(type, out var list2))
                    {
                        _members[type] = list2 = new List<(string, BlockingCategory, BlockingFlags)>();
                    }

                    list2.Add((member, category, flags));
                }
            }

            _renamed = new Dictionary<INamedTypeSymbol, Dictionary<string, string>>(SymbolEqualityComparer.Default);
            foreach (var (typeName, member, asyncName) in Renamed)
            {
                if (KnownSymbols.Resolve(compilation, typeName) is { } type)
                {
                    if (!_renamed.TryGetValue(type, out var map))
                    {
                        _renamed[type] = map = new Dictionary<string, string>(StringComparer.Ordinal);
                    }

                    map[member] = asyncName;
                }
            }

            _ioTypes = new HashSet<INamedTypeSymbol>(
                IoTypes.Select(n => KnownSymbols.Resolve(compilation, n)).Where(t => t is not null)!,
                SymbolEqualityComparer.Default);
            Provenance = new StreamProvenance(compilation);
        }

        public KnownSymbols Known { get; }

        /// <summary>What the streams, readers and writers a call works on are backed by.</summary>
        public StreamProvenance Provenance { get; }

        public BlockingApiList List => _list;

        public static string Describe(ISymbol symbol) => symbol.ToDisplayString(DisplayFormat);

        /// <summary>True when the user silenced the member in the AdditionalFiles list.</summary>
        public bool IsSilenced(ISymbol member) => _list.TryLookup(member, out var silenced, out _) && silenced;

        /// <summary>
        /// The blocking member an operation calls or reads, or null. Applies the per-call
        /// exemptions (zero timeouts, in-memory receivers) but no flow analysis; a receiver
        /// that is a parameter counts as real I/O (see the overload for helpers).
        /// </summary>
        public BlockingMember? Match(IOperation operation) => Match(operation, out _);

        /// <summary>
        /// As <see cref="Match(IOperation)"/>; <paramref name="unlessInMemory"/> names the parameters of
        /// the enclosing method (and its receiver) whose arguments decide the call: it blocks unless
        /// all of them are in memory; <see cref="Provenance.Unknown"/> when it always blocks.
        /// </summary>
        public BlockingMember? Match(IOperation operation, out Provenance unlessInMemory)
        {
            unlessInMemory = Blocking.Provenance.Unknown;
            ISymbol? member;
            IOperation? instance;
            ImmutableArrayWrapper arguments;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    member = invocation.TargetMethod;
                    instance = invocation.Instance;
                    arguments = new ImmutableArrayWrapper(invocation.Arguments);
                    break;
                case IPropertyReferenceOperation property when !IsWriteOnly(property):
                    member = property.Property;
                    instance = property.Instance;
                    arguments = default;
                    break;
                default:
                    return null;
            }

            var blocking = GetBlockingMember(member);
            if (blocking is null)
            {
                return null;
            }

            if ((blocking.Flags & BlockingFlags.ZeroTimeoutPolls) != 0 && HasZeroTimeout(arguments))
            {
                return null;
            }

            if ((blocking.Flags & BlockingFlags.NoTimeoutPolls) != 0 && !HasTimeout(arguments))
            {
                return null;
            }

            if ((blocking.Flags & BlockingFlags.StreamArguments) != 0)
            {
                var provenance = Provenance.OfStreamArguments(arguments.Items);
                if (provenance.InMemory)
                {
                    return null;
                }

                unlessInMemory = provenance;
            }

            if ((blocking.Flags & BlockingFlags.InMemoryExempt) != 0)
            {
                if (IsConsole(instance))
                {
                    return null;
                }

                var provenance = Provenance.OfCall(member, instance, arguments.Items);
                if (provenance.InMemory)
                {
                    return null;
                }

                unlessInMemory = provenance;
            }

            return blocking;
        }

        /// <summary>The catalogue entry for a member, memoized; null when it does not block.</summary>
        public BlockingMember? GetBlockingMember(ISymbol member) => _memo.GetOrAdd(member, Compute);

        private BlockingMember? Compute(ISymbol member)
        {
            if (member is not IMethodSymbol && member is not IPropertySymbol)
            {
                return null;
            }

            if (_list.TryLookup(member, out var silenced, out var listedAsync))
            {
                return silenced ? null : new BlockingMember(member, BlockingCategory.User, 0, listedAsync);
            }

            if (GetBlockingAttribute(member) is { } attribute)
            {
                var alternative = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                return new BlockingMember(member, BlockingCategory.User, 0, alternative);
            }

            // Walk the override chain so FileStream.Read or SqlCommand.ExecuteReader match Stream/DbCommand.
            for (var current = member; current is not null; current = Overridden(current))
            {
                if (current.ContainingType?.OriginalDefinition is not { } type)
                {
                    break;
                }

                if (_members.TryGetValue(type, out var entries))
                {
                    foreach (var (name, category, flags) in entries)
                    {
                        if (name == current.Name || (name == AnyMember && member is IMethodSymbol { MethodKind: MethodKind.Ordinary } && !TwinExclusions.Contains(current.Name)))
                        {
                            var twin = category is BlockingCategory.Io or BlockingCategory.Wait ? FindTwinName(member, current.Name + "Async") : null;
                            return new BlockingMember(member, category, flags, twin);
                        }
                    }
                }

                if (_renamed.TryGetValue(type, out var renamed) && renamed.TryGetValue(current.Name, out var asyncName))
                {
                    return new BlockingMember(member, BlockingCategory.Io, 0, asyncName);
                }

                if (member is IMethodSymbol && _ioTypes.Contains(type) && !TwinExclusions.Contains(current.Name)
                    && !current.Name.EndsWith("Async", StringComparison.Ordinal)
                    && FindTwinName(member, current.Name + "Async") is { } twinName)
                {
                    return new BlockingMember(member, BlockingCategory.Io, BlockingFlags.InMemoryExempt, twinName);
                }
            }

            return null;
        }

        private string? FindTwinName(ISymbol member, string asyncName)
        {
            for (var type = member.ContainingType; type is not null; type = type.BaseType)
            {
                foreach (var candidate in type.GetMembers(asyncName))
                {
                    if (candidate is IMethodSymbol method && candidate.IsStatic == member.IsStatic
                        && Known.IsAwaitableOrAsyncStream(method.ReturnType))
                    {
                        return asyncName;
                    }
                }
            }

            return null;
        }

        private static ISymbol? Overridden(ISymbol symbol) => symbol switch
        {
            IMethodSymbol m => m.OverriddenMethod,
            IPropertySymbol p => p.OverriddenProperty,
            _ => null,
        };

        internal static AttributeData? GetBlockingAttribute(ISymbol member)
        {
            foreach (var attribute in member.GetAttributes())
            {
                var cls = attribute.AttributeClass;
                if (cls is { Name: "BlockingAttribute", ContainingNamespace: { Name: "Asphalt", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return attribute;
                }
            }

            return null;
        }

        private static bool IsWriteOnly(IPropertyReferenceOperation property) =>
            property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property;

        // Console.Out/Error/In are treated as Console.WriteLine is: console output is not reported.
        private static bool IsConsole(IOperation? instance) =>
            instance is not null && Strip(instance) is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Out" or "Error" or "In" } console }
            && console.ContainingType.ToDisplayString() == "System.Console";

        private bool HasZeroTimeout(ImmutableArrayWrapper arguments)
        {
            foreach (var argument in arguments.Items)
            {
                var value = Strip(argument.Value);
                var type = argument.Parameter?.Type;
                if (type is null || argument.Parameter!.RefKind != RefKind.None)
                {
                    continue;
                }

                if (type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32)
                {
                    return value.ConstantValue is { HasValue: true, Value: { } v } && Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) == 0;
                }

                if (KnownSymbols.Eq(type, Known.TimeSpan))
                {
                    return value is IFieldReferenceOperation { Field.Name: "Zero" }
                        || (value is IDefaultValueOperation);
                }
            }

            return false;
        }

        private bool HasTimeout(ImmutableArrayWrapper arguments)
        {
            foreach (var argument in arguments.Items)
            {
                var type = argument.Parameter?.RefKind == RefKind.None ? argument.Parameter.Type : null;
                if (type is not null && (type.SpecialType is SpecialType.System_Int32 || KnownSymbols.Eq(type, Known.TimeSpan)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Removes implicit conversions and parentheses.</summary>
        internal static IOperation Strip(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when conversion.IsImplicit || conversion.Conversion.IsIdentity:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>A nullable view of an argument list (properties have none).</summary>
        private readonly struct ImmutableArrayWrapper
        {
            private readonly System.Collections.Immutable.ImmutableArray<IArgumentOperation> _items;

            public ImmutableArrayWrapper(System.Collections.Immutable.ImmutableArray<IArgumentOperation> items) => _items = items;

            public System.Collections.Immutable.ImmutableArray<IArgumentOperation> Items =>
                _items.IsDefault ? System.Collections.Immutable.ImmutableArray<IArgumentOperation>.Empty : _items;
        }
    }
}

using static Asphalt.Analyzers.Tests.Blocking.Verify;

namespace Asphalt.Analyzers.Tests.Blocking;

public class TransitiveBlockingCallAnalyzerTests
{
    [Fact]
    public Task One_level() => AnalyzeAsync("""
        class C
        {
            async Task M() { await Task.Yield(); {|#0:Load()|}; }
            void Load() => {|#1:Thread.Sleep(10)|};
        }
        """, Chain("C.Load() → Thread.Sleep(int)", "await Task.Delay(...) instead"));

    [Fact]
    public Task Three_levels_with_chain_in_message() => AnalyzeAsync("""
        class C
        {
            async Task<string> M() { await Task.Yield(); return {|#0:Load()|}; }
            string Load() => ReadConfig().Trim();
            string ReadConfig() => Read("app.json");
            string Read(string path) => {|#1:File.ReadAllText(path)|};
        }
        """, Chain("C.Load() → C.ReadConfig() → C.Read() → File.ReadAllText(string)", "await 'ReadAllTextAsync' instead"));

    [Fact]
    public Task Across_classes() => AnalyzeAsync("""
        class Handler
        {
            private readonly Repository _repository = new();
            public async Task HandleAsync() { await Task.Yield(); _ = {|#0:_repository.Fetch(1)|}; }
        }
        class Repository
        {
            public int Fetch(int id) => Query(id).Result2;
            private Row Query(int id) => new Row({|#1:Task.Run(() => id).Result|});
        }
        record Row(int Result2);
        """, Chain("Repository.Fetch() → Repository.Query() → Task<int>.Result", "await the task instead"));

    [Fact]
    public Task Through_property_getter_and_setter() => AnalyzeAsync("""
        class C
        {
            private readonly SemaphoreSlim _sem = new(1);
            string Config => {|#1:File.ReadAllText("a")|};
            int Level { get => 0; set => {|#3:_sem.Wait()|}; }
            async Task M() { await Task.Yield(); _ = {|#0:Config|}; {|#2:Level|} = 1; }
        }
        """, Chain(), Transitive(2, 3));

    [Fact]
    public Task Through_constructor() => AnalyzeAsync("""
        class Client
        {
            private readonly TcpClient _tcp = new();
            public Client(string host) { {|#1:_tcp.Connect(host, 80)|}; }
        }
        class C { async Task M() { await Task.Yield(); _ = {|#0:new Client("h")|}; } }
        """, Chain("new Client() → TcpClient.Connect(string, int)", "await 'ConnectAsync' instead"));

    [Fact]
    public Task Through_interface_with_one_implementation() => AnalyzeAsync("""
        interface IStore { string Load(); }
        class FileStore : IStore { public string Load() => {|#1:File.ReadAllText("a")|}; }
        class C
        {
            private readonly IStore _store = new FileStore();
            async Task M() { await Task.Yield(); _ = {|#0:_store.Load()|}; }
        }
        """, Chain("IStore.Load() → FileStore.Load() → File.ReadAllText(string)", "await 'ReadAllTextAsync' instead"));

    [Fact]
    public Task Framework_interfaces_are_not_expanded_into_the_compilations_implementations() => AnalyzeAsync("""
        // Some IDisposable here blocks, but nothing says this receiver is one of them.
        sealed class Journal : IDisposable { public void Dispose() => File.WriteAllText("j", ""); }
        class C
        {
            async Task M(IDisposable resource, IEnumerable<int> numbers)
            {
                await Task.Yield();
                resource.Dispose();
                foreach (var n in numbers) { }
            }
        }
        """);

    [Fact]
    public Task Through_virtual_override() => AnalyzeAsync("""
        abstract class Base { public abstract void Run(); }
        class Sleeper : Base { public override void Run() => {|#1:Thread.Sleep(1)|}; }
        class C { async Task M(Base b) { await Task.Yield(); {|#0:b.Run()|}; } }
        """, Chain("Base.Run() → Sleeper.Run() → Thread.Sleep(int)", "await Task.Delay(...) instead"));

    [Fact]
    public Task Through_extension_method() => AnalyzeAsync("""
        static class Extensions { public static string Slurp(this string path) => {|#1:File.ReadAllText(path)|}; }
        class C { async Task M() { await Task.Yield(); _ = {|#0:"a".Slurp()|}; } }
        """, Chain("Extensions.Slurp() → File.ReadAllText(string)", "await 'ReadAllTextAsync' instead"));

    [Fact]
    public Task Through_delegate_field() => AnalyzeAsync("""
        class C
        {
            private readonly Func<string> _reader = () => {|#1:File.ReadAllText("a")|};
            async Task M() { await Task.Yield(); _ = {|#0:_reader()|}; }
        }
        """, Chain("_reader() → File.ReadAllText(string)", "await 'ReadAllTextAsync' instead"));

    [Fact]
    public Task Through_delegate_local_and_method_group() => AnalyzeAsync("""
        class C
        {
            static void Pause() => {|#1:Thread.Sleep(5)|};
            async Task M() { await Task.Yield(); Action pause = Pause; {|#0:pause()|}; }
        }
        """, Chain("pause() → C.Pause() → Thread.Sleep(int)", "await Task.Delay(...) instead"));

    [Fact]
    public Task Through_lazy_value() => AnalyzeAsync("""
        class C
        {
            private readonly Lazy<string> _config = new(() => {|#1:File.ReadAllText("a")|});
            async Task M() { await Task.Yield(); _ = {|#0:_config.Value|}; }
        }
        """, Chain("_config.Value → File.ReadAllText(string)", "await 'ReadAllTextAsync' instead"));

    [Fact]
    public Task Through_sync_local_function() => AnalyzeAsync("""
        class C
        {
            async Task M(Task<int> t)
            {
                await Task.Yield();
                _ = {|#0:Local()|};
                int Local() => {|#1:t.Result|};
            }
        }
        """, Chain("Local() → Task<int>.Result", "await the task instead"));

    [Fact]
    public Task Recursion_terminates_and_still_finds_the_leaf() => AnalyzeAsync("""
        class C
        {
            async Task M() { await Task.Yield(); {|#0:A(3)|}; }
            void A(int n) { if (n > 0) B(n - 1); }
            void B(int n) { A(n); if (n == 0) {|#1:Thread.Sleep(1)|}; }
            async Task N() { await Task.Yield(); Even(4); }
            bool Even(int n) => n == 0 || Odd(n - 1);
            bool Odd(int n) => n != 0 && Even(n - 1);
        }
        """, Chain("C.A() → C.B() → Thread.Sleep(int)", "await Task.Delay(...) instead"));

    [Fact]
    public Task Each_leaf_once_per_async_entry() => AnalyzeAsync("""
        class C
        {
            async Task M() { await Task.Yield(); {|#0:One()|}; Two(); One(); }
            async Task N() { await Task.Yield(); {|#2:Two()|}; }
            void One() => Shared();
            void Two() => Shared();
            void Shared() => {|#1:Thread.Sleep(1)|};
        }
        """, Chain(), Transitive(2, 1));

    [Fact]
    public Task Ignores_non_blocking_and_offloaded_helpers() => AnalyzeAsync("""
        class C
        {
            async Task M(Task<int> t)
            {
                await t;
                _ = Compute(3);
                _ = Completed(t);
                _ = Offloaded();
                _ = Memory();
                _ = Deferred();
                Later(() => Thread.Sleep(1));
                await SyncOverAsync();
            }
            int Compute(int x) => x * 2;
            int Completed(Task<int> t) => t.IsCompleted ? t.Result : 0;
            Task<string> Offloaded() => Task.Run(() => File.ReadAllText("a"));
            string Memory() { using var r = new StringReader("x"); return r.ReadToEnd(); }
            Func<int> Deferred() => () => { Thread.Sleep(1); return 1; };
            void Later(Action a) { }
            async Task SyncOverAsync() { await Task.Yield(); }
        }
        """);

    [Fact]
    public Task Ignores_helpers_called_from_sync_code() => AnalyzeAsync("""
        class C
        {
            void Sync() => Load();
            void Load() => Thread.Sleep(1);
            void Handler() { new Thread(() => Load()).Start(); }
        }
        """);

    [Fact]
    public Task Reports_in_async_lambda_inside_sync_method() => AnalyzeAsync("""
        class C
        {
            void Register(List<Func<Task>> handlers) => handlers.Add(async () => { await Task.Yield(); {|#0:Load()|}; });
            void Load() => {|#1:Thread.Sleep(1)|};
        }
        """, Chain());

    [Fact]
    public Task Blocking_attribute_marks_user_member() => AnalyzeAsync("""
        namespace Asphalt { [AttributeUsage(AttributeTargets.All)] public sealed class BlockingAttribute : Attribute { public BlockingAttribute() { } public BlockingAttribute(string alt) { } } }
        class Legacy
        {
            [Asphalt.Blocking("FetchAsync")] public string Fetch() => "x";
            public Task<string> FetchAsync() => Task.FromResult("x");
            [Asphalt.Blocking] public int Count => 1;
            public string Wrap() => {|#1:Fetch()|};
        }
        class C
        {
            async Task M(Legacy l)
            {
                await Task.Yield();
                _ = {|#2:l.Fetch()|};
                _ = {|#3:l.Count|};
                _ = {|#0:l.Wrap()|};
            }
        }
        """,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.BlockingCallInAsyncPath).WithLocation(2).WithArguments("Legacy.Fetch()", "await 'FetchAsync' instead"),
        Direct(3),
        Chain("Legacy.Wrap() → Legacy.Fetch()", "await 'FetchAsync' instead"));

    [Fact]
    public Task Blocking_attribute_from_runtime_assembly_is_matched_by_name()
    {
        // The real Asphalt.Runtime attribute, referenced as a package consumer would.
        var test = new BlockingTest
        {
            TestCode = Usings + """
                class Legacy { [Asphalt.Blocking] public void Flush() { } }
                class C { async Task M(Legacy l) { await Task.Yield(); {|ASPH1001:l.Flush()|}; } }
                """,
        };
        test.TestState.AdditionalReferences.Add(typeof(Asphalt.BlockingAttribute).Assembly);
        // Asphalt.Runtime targets net10.0 and the test compiles against net8.0 reference
        // assemblies: CS1705 (newer System.Runtime) is expected and irrelevant to the analyzer.
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        return test.RunAsync();
    }

    [Fact]
    public Task Additional_file_adds_and_silences_entries() => AnalyzeAsync("""
        namespace Vendor
        {
            public class Db { public int Query(string sql) => 0; public int Query(string sql, int timeout) => 0; public void Ping() { } }
            public class Ftp { public void Get() { } public void Put() { } }
        }
        class C
        {
            async Task M(Vendor.Db db, Vendor.Ftp ftp, Task<int> t)
            {
                await Task.Yield();
                _ = {|ASPH1001:db.Query("x")|};
                _ = {|ASPH1001:db.Query("x", 1)|};
                {|ASPH1001:db.Ping()|};
                {|ASPH1001:ftp.Get()|};
                {|ASPH1001:ftp.Put()|};
                Thread.Sleep(1);
                _ = t.Result;
                {|#0:Helper()|};
            }
            void Helper() { Thread.Sleep(2); {|#1:File.Delete("x")|}; }
        }
        """, """
        # Vendor APIs that block
        M:Vendor.Db.Query            # every overload
        M:Vendor.Db.Ping;PingAsync
        T:Vendor.Ftp
        M:System.IO.File.Delete(System.String)
        # silenced
        !M:System.Threading.Thread.Sleep(System.Int32)
        !P:System.Threading.Tasks.Task`1.Result
        """, Chain("C.Helper() → File.Delete(string)", "use an awaitable alternative or move the call off the async path with Offload.RunAsync"));

    [Fact]
    public Task Through_property_wrapping_lazy() => AnalyzeAsync("""
        class C
        {
            private readonly Lazy<string> _token = new(() => {|#1:File.ReadAllText("token")|});
            public string Token => _token.Value;
            async Task<string> M() { await Task.Yield(); return {|#0:Token|}; }
        }
        """, Chain("C.Token → _token.Value → File.ReadAllText(string)", "await 'ReadAllTextAsync' instead"));

    [Fact]
    public Task Stored_callbacks_are_not_inline() => AnalyzeAsync("""
        class C
        {
            async Task M(List<Action> handlers) { await Task.Yield(); handlers.Add(() => Thread.Sleep(1)); }
        }
        """);

    [Fact]
    public Task Property_read_by_its_own_async_twin_is_still_reported() => AnalyzeAsync("""
        public sealed class Legacy
        {
            public string Cfg => {|#1:File.ReadAllText("x")|};
            public async Task<string> CfgAsync() { await Task.Yield(); return {|#0:Cfg|}; }
        }
        """, Chain());

    [Fact]
    public Task Through_lazy_created_in_the_constructor() => AnalyzeAsync("""
        class C
        {
            private readonly Lazy<string> _config;
            public C() => _config = new Lazy<string>(Load);
            static string Load() => {|#1:File.ReadAllText("a")|};
            async Task M() { await Task.Yield(); _ = {|#0:_config.Value|}; }
        }
        """, Chain("_config.Value → C.Load() → File.ReadAllText(string)", "await 'ReadAllTextAsync' instead"));

    [Fact]
    public Task Task_wait_overloads_with_timeout_or_token_in_a_helper() => AnalyzeAsync("""
        class C
        {
            async Task M(Task t, CancellationToken ct) { await Task.Yield(); {|#0:Drain(t, ct)|}; {|#2:Bounded(t)|}; }
            static void Drain(Task t, CancellationToken ct) => {|#1:t.Wait(ct)|};
            static bool Bounded(Task t) => {|#3:t.Wait(TimeSpan.FromSeconds(5))|};
        }
        """, Chain(), Transitive(2, 3));
}

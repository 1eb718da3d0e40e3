using Microsoft.CodeAnalysis.Testing;
using static Asphalt.Analyzers.Tests.Blocking.Verify;

namespace Asphalt.Analyzers.Tests.Blocking;

/// <summary>Locks are reported by their critical sections, not because they are locks.</summary>
public class LockSectionsTests
{
    [Fact]
    public Task ReaderWriterLockSlim_around_short_in_memory_sections_is_not_reported() => AnalyzeAsync("""
        class Cache
        {
            private readonly ReaderWriterLockSlim _lock = new();
            private readonly Dictionary<string, string> _entries = new();

            public async Task<string?> GetAsync(string key)
            {
                await Task.Yield();
                _lock.EnterReadLock();
                try { return _entries.TryGetValue(key, out var v) ? v : null; }
                finally { _lock.ExitReadLock(); }
            }

            public async Task PutAsync(string key, string value)
            {
                await Task.Yield();
                _lock.EnterWriteLock();
                try { _entries[key] = value; }
                finally { _lock.ExitWriteLock(); }
            }
        }
        """);

    [Fact]
    public Task ReaderWriterLockSlim_is_reported_when_another_section_of_the_same_lock_does_IO() => AnalyzeAsync("""
        class Cache
        {
            private readonly ReaderWriterLockSlim _lock = new();
            private string _text = "";

            public async Task<string> GetAsync()
            {
                await Task.Yield();
                {|#0:_lock.EnterReadLock()|};
                try { return _text; }
                finally { _lock.ExitReadLock(); }
            }

            public void Reload()
            {
                _lock.EnterWriteLock();
                try { _text = File.ReadAllText("cache.txt"); }
                finally { _lock.ExitWriteLock(); }
            }
        }
        """,
        new DiagnosticResult(DiagnosticDescriptors.BlockingCallInAsyncPath).WithLocation(0).WithArguments(
            "ReaderWriterLockSlim.EnterReadLock()",
            "its critical section in 'Cache.Reload()' (Test0.cs:29) calls 'File.ReadAllText(string)'; use an awaitable alternative or move the call off the async path with Offload.RunAsync"));

    [Fact]
    public Task SemaphoreSlim_held_across_an_await_elsewhere_is_reported() => AnalyzeAsync("""
        class Client
        {
            private readonly SemaphoreSlim _gate = new(1, 1);
            private readonly HttpClient _http = new();

            public async Task<string> FetchAsync(string url)
            {
                await _gate.WaitAsync();
                try { return await _http.GetStringAsync(url); }
                finally { _gate.Release(); }
            }

            public async Task ResetAsync()
            {
                await Task.Yield();
                {|ASPH1001:_gate.Wait()|};
                try { } finally { _gate.Release(); }
            }
        }
        """);

    [Fact]
    public Task SemaphoreSlim_used_as_a_lock_around_in_memory_work_is_not_reported() => AnalyzeAsync("""
        class Counter
        {
            private readonly SemaphoreSlim _gate = new(1, 1);
            private int _count;

            public async Task IncrementAsync()
            {
                await Task.Yield();
                _gate.Wait();
                try { _count++; }
                finally { _gate.Release(); }
            }
        }
        """);

    [Fact]
    public Task SemaphoreSlim_waited_on_as_a_signal_is_still_reported() => AnalyzeAsync("""
        class Worker
        {
            private readonly SemaphoreSlim _available = new(0);
            public void Post() => _available.Release();
            public async Task TakeAsync() { await Task.Yield(); {|ASPH1001:_available.Wait()|}; }
        }
        """);

    [Fact]
    public Task Monitor_Enter_is_reported_when_a_lock_statement_on_the_same_field_blocks() => AnalyzeAsync("""
        class Journal
        {
            private readonly object _sync = new();
            private int _n;

            public void Append(string line) { lock (_sync) { File.AppendAllText("journal", line); } }

            public async Task BumpAsync()
            {
                await Task.Yield();
                {|ASPH1001:Monitor.Enter(_sync)|};
                try { _n++; } finally { Monitor.Exit(_sync); }
            }
        }

        class Quiet
        {
            private readonly object _sync = new();
            private int _n;
            public void Add() { lock (_sync) { _n++; } }
            public async Task BumpAsync()
            {
                await Task.Yield();
                Monitor.Enter(_sync);
                try { _n++; } finally { Monitor.Exit(_sync); }
            }
        }
        """);

    [Fact]
    public Task Lock_in_a_sync_helper_is_reported_through_the_chain_only_when_a_section_blocks() => AnalyzeAsync("""
        class Store
        {
            private readonly ReaderWriterLockSlim _lock = new();
            private readonly ReaderWriterLockSlim _quiet = new();
            private string _text = "";
            private int _n;

            public async Task<string> GetAsync() { await Task.Yield(); Count(); return {|#0:Read()|}; }
            string Read() { {|#1:_lock.EnterReadLock()|}; try { return _text; } finally { _lock.ExitReadLock(); } }
            void Count() { _quiet.EnterWriteLock(); try { _n++; } finally { _quiet.ExitWriteLock(); } }
            public void Save() { _lock.EnterWriteLock(); try { File.WriteAllText("s", _text); } finally { _lock.ExitWriteLock(); } }
        }
        """, Chain());

    [Fact]
    public Task Lock_statement_is_reported_when_another_section_of_the_same_lock_does_IO() => AnalyzeAsync("""
        class Journal
        {
            private readonly object _gate = new();
            private int _count;

            public async Task AddAsync()
            {
                await Task.Yield();
                {|#0:lock (_gate)|} { _count++; }
            }

            public void Flush()
            {
                lock (_gate) { File.WriteAllText("journal.txt", _count.ToString()); }
            }
        }
        """,
        new DiagnosticResult(DiagnosticDescriptors.BlockingCallInAsyncPath).WithLocation(0).WithArguments(
            "lock (_gate)",
            "its critical section in 'Journal.Flush()' (Test0.cs:26) calls 'File.WriteAllText(string, string)'; keep blocking work out of the lock, or guard it with SemaphoreSlim.WaitAsync"));

    [Fact]
    public Task Lock_statement_held_across_a_blocking_call_on_the_async_path_is_reported_with_the_call() => AnalyzeAsync("""
        class Journal
        {
            private readonly object _gate = new();

            public async Task SaveAsync(string text)
            {
                await Task.Yield();
                {|ASPH1001:lock (_gate)|} { {|ASPH1001:File.AppendAllText("journal.txt", text)|}; }
            }
        }
        """);

    [Fact]
    public Task Lock_statements_with_short_sections_or_not_on_a_field_are_not_reported() => AnalyzeAsync("""
        class Counter
        {
            private readonly object _gate = new();
            private int _count;

            public async Task AddAsync()
            {
                await Task.Yield();
                lock (_gate) { _count++; }
                var local = new object();
                lock (local) { _count--; }
            }

            public int Read() { lock (_gate) { return _count; } }
        }
        """);
}

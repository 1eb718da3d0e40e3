using Microsoft.CodeAnalysis.Testing;
using static Asphalt.Analyzers.Tests.Blocking.Verify;

namespace Asphalt.Analyzers.Tests.Blocking;

/// <summary>
/// False-positive patterns seen on real code (benchmarks/AnalyzerEvaluation/RealCode.md), each
/// written the way the library writes it, and the findings that must stay.
/// </summary>
public class RealCodePatternTests
{
    // MySqlConnector's SocketByteHandler: the mode is chosen one call up, and the sync function returns ValueTask.
    [Fact]
    public Task Sync_function_every_caller_picks_in_the_sync_mode_is_not_an_async_entry() => AnalyzeAsync("""
        enum IOBehavior { Synchronous, Asynchronous }

        class SocketByteHandler
        {
            private readonly Socket m_socket = new(SocketType.Stream, ProtocolType.Tcp);

            public ValueTask<int> ReadBytesAsync(Memory<byte> buffer, IOBehavior ioBehavior) =>
                ioBehavior == IOBehavior.Asynchronous ? DoReadBytesAsync(buffer) : DoReadBytesSync(buffer);

            private ValueTask<int> DoReadBytesSync(Memory<byte> buffer)
            {
                try { return new ValueTask<int>(m_socket.Receive(buffer.Span, SocketFlags.None)); }
                catch (Exception ex) { return ValueTask.FromException<int>(ex); }
            }

            private async ValueTask<int> DoReadBytesAsync(Memory<byte> buffer) =>
                await m_socket.ReceiveAsync(buffer, SocketFlags.None);
        }

        class StreamByteHandler
        {
            private readonly Stream m_stream = Stream.Null;

            public ValueTask<int> ReadBytesAsync(Memory<byte> buffer, IOBehavior ioBehavior)
            {
                return ioBehavior == IOBehavior.Asynchronous ? new ValueTask<int>(DoReadBytesAsync(buffer)) :
                    m_stream.CanTimeout ? DoReadBytesSync(buffer) :
                    DoReadBytesSyncOverAsync(buffer);

                ValueTask<int> DoReadBytesSync(Memory<byte> buffer) => new ValueTask<int>(m_stream.Read(buffer.Span));

                ValueTask<int> DoReadBytesSyncOverAsync(Memory<byte> buffer) =>
                    new ValueTask<int>(DoReadBytesAsync(buffer).GetAwaiter().GetResult());

                async Task<int> DoReadBytesAsync(Memory<byte> buffer) => await m_stream.ReadAsync(buffer);
            }
        }
        """);

    [Fact]
    public Task Sync_function_with_one_caller_outside_the_sync_mode_stays_an_async_entry() => AnalyzeAsync("""
        enum IOBehavior { Synchronous, Asynchronous }

        class SocketByteHandler
        {
            private readonly Socket m_socket = new(SocketType.Stream, ProtocolType.Tcp);

            public ValueTask<int> ReadBytesAsync(Memory<byte> buffer, IOBehavior ioBehavior) =>
                ioBehavior == IOBehavior.Asynchronous ? DoReadBytesAsync(buffer) : DoReadBytesSync(buffer);

            public ValueTask<int> PeekAsync(Memory<byte> buffer) => DoReadBytesSync(buffer);

            private ValueTask<int> DoReadBytesSync(Memory<byte> buffer) =>
                new ValueTask<int>({|ASPH1001:m_socket.Receive(buffer.Span, SocketFlags.None)|});

            private async ValueTask<int> DoReadBytesAsync(Memory<byte> buffer) =>
                await m_socket.ReceiveAsync(buffer, SocketFlags.None);
        }
        """);

    // microsoft/OpenAPI.NET before its fix (#776): both branches await, so neither is a sync-mode half.
    [Fact]
    public Task Branch_that_awaits_itself_is_async_code_even_when_its_sibling_awaits() => AnalyzeAsync("""
        class OpenApiService
        {
            public static async Task ProcessOpenApiDocument(string openapi, string csdl)
            {
                Stream stream;
                string document;
                if (!string.IsNullOrEmpty(csdl))
                {
                    stream = await GetStream(csdl);
                    document = await new StreamReader(stream).ReadToEndAsync();
                }
                else
                {
                    stream = await GetStream(openapi);
                    document = {|ASPH1001:new StreamReader(stream).ReadToEndAsync().GetAwaiter().GetResult()|};
                }
            }

            static Task<Stream> GetStream(string input) => Task.FromResult<Stream>(new FileStream(input, FileMode.Open));
        }
        """);

    // Npgsql's ArrayConverter: the mode flag is one operand of a conjunction.
    [Fact]
    public Task Mode_test_inside_a_conjunction_reserves_the_rest_for_sync_callers() => AnalyzeAsync("""
        class ArrayConverter
        {
            private readonly Stream _buffer = Stream.Null;

            public ValueTask<int> Read(bool async, bool streaming, byte[] b, CancellationToken ct)
            {
                if (b.Length > 0 && async && streaming)
                    return _buffer.ReadAsync(b.AsMemory(), ct);

                return new ValueTask<int>(_buffer.Read(b, 0, b.Length));
            }

            public async ValueTask<int> Fill(bool async, bool buffered, byte[] b)
            {
                if (!async || buffered)
                    return _buffer.Read(b, 0, b.Length);
                return await _buffer.ReadAsync(b.AsMemory());
            }
        }
        """);

    [Fact]
    public Task Conjunction_without_a_mode_test_is_still_reported() => AnalyzeAsync("""
        class ArrayConverter
        {
            private readonly Stream _buffer = Stream.Null;

            public ValueTask<int> Read(bool fast, bool streaming, byte[] b, CancellationToken ct)
            {
                if (fast && streaming)
                    return _buffer.ReadAsync(b.AsMemory(), ct);

                return new ValueTask<int>({|ASPH1001:_buffer.Read(b, 0, b.Length)|});
            }
        }
        """);

    // Npgsql's NpgsqlConnector: `object SyncObj { get; } = new();` guards short sections.
    [Fact]
    public Task Lock_on_an_auto_property_or_a_property_returning_a_field_is_judged_by_its_sections() => AnalyzeAsync("""
        class Connector
        {
            private readonly object _state = new();
            private int _count;

            object SyncObj { get; } = new();
            object StateLock => _state;
            object OtherLock { get { return _state; } }

            public async Task OpenAsync()
            {
                await Task.Yield();
                lock (SyncObj) { _count++; }
                Monitor.Enter(SyncObj);
                try { _count++; } finally { Monitor.Exit(SyncObj); }
                lock (StateLock) { _count--; }
                lock (_state) { _count--; }
                lock (OtherLock) { _count++; }
            }
        }
        """);

    [Fact]
    public Task Lock_on_a_property_is_reported_when_a_section_of_the_same_lock_blocks() => AnalyzeAsync("""
        class Connector
        {
            private readonly object _state = new();
            private string _text = "";

            object SyncObj { get; } = new();
            object StateLock => _state;

            public async Task OpenAsync()
            {
                await Task.Yield();
                {|ASPH1001:Monitor.Enter(SyncObj)|};
                try { _text = ""; } finally { Monitor.Exit(SyncObj); }
                {|ASPH1001:lock (StateLock)|} { _text = ""; }
            }

            public void Reload()
            {
                lock (SyncObj) { _text = File.ReadAllText("a"); }
                lock (_state) { _text = File.ReadAllText("b"); }
            }
        }
        """);

    // Npgsql: `throw _connector.Break(new …)`, and a catch that tears the broken connection down and rethrows.
    [Fact]
    public Task Blocking_call_on_an_error_path_that_ends_the_operation_is_not_reported() => AnalyzeAsync("""
        class Connector
        {
            private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp);

            public async Task<int> ReadMessageAsync(byte[] b)
            {
                var n = await _socket.ReceiveAsync(b, SocketFlags.None);
                if (n == 0)
                    throw Break(new IOException("connection closed"));
                try
                {
                    return await _socket.ReceiveAsync(b, SocketFlags.None);
                }
                catch (SocketException e)
                {
                    _socket.Close(1);
                    Thread.Sleep(10);
                    throw Break(e);
                }
            }

            internal Exception Break(Exception reason)
            {
                _socket.Shutdown(SocketShutdown.Both);
                _socket.Close(1);
                Thread.Sleep(10);
                return reason;
            }
        }
        """);

    [Fact]
    public Task Sync_helper_that_blocks_only_on_its_error_path_is_not_reported() => AnalyzeAsync("""
        class Connector
        {
            private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp);
            private int _state;

            public async Task WriteQueryAsync(byte[] b)
            {
                CheckReady();
                await _socket.SendAsync(b, SocketFlags.None);
            }

            void CheckReady()
            {
                if (_state != 0)
                    throw Break(new InvalidOperationException("connection is broken"));
            }

            Exception Break(Exception reason)
            {
                _socket.Close(1);
                Thread.Sleep(10);
                return reason;
            }
        }
        """);

    [Fact]
    public Task Blocking_call_in_a_catch_that_goes_on_is_still_reported() => AnalyzeAsync("""
        class Client
        {
            private readonly HttpClient _http = new();

            public async Task<string> GetWithRetryAsync(string url)
            {
                while (true)
                {
                    try { return await _http.GetStringAsync(url); }
                    catch (HttpRequestException) { {|ASPH1001:Thread.Sleep(1000)|}; }
                }
            }
        }
        """);
}

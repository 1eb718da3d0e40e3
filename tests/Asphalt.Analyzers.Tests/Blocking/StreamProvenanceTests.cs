using static Asphalt.Analyzers.Tests.Blocking.Verify;

namespace Asphalt.Analyzers.Tests.Blocking;

/// <summary>Streams, readers and writers are judged by what they are backed by.</summary>
public class StreamProvenanceTests
{
    [Fact]
    public Task Memory_stream_in_a_local_typed_Stream_is_not_reported() => AnalyzeAsync("""
        class C
        {
            async Task M(byte[] data)
            {
                await Task.Yield();
                Stream buffer = new MemoryStream();
                buffer.Write(data, 0, data.Length);
                buffer.Flush();
            }
        }
        """);

    [Fact]
    public Task Compression_buffering_and_crypto_wrappers_over_memory_are_not_reported() => AnalyzeAsync("""
        using System.IO.Compression;
        using System.Security.Cryptography;
        class C
        {
            async Task<byte[]> M(byte[] data, ICryptoTransform transform)
            {
                await Task.Yield();
                var output = new MemoryStream();
                using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) { gzip.Write(data, 0, data.Length); }
                using (var deflate = new DeflateStream(new MemoryStream(data), CompressionMode.Decompress)) { _ = deflate.Read(data, 0, data.Length); }
                using (var brotli = new BrotliStream(output, CompressionLevel.Fastest, true)) { brotli.Flush(); }
                using (var buffered = new BufferedStream(output)) { buffered.Write(data, 0, 1); }
                using (var crypto = new CryptoStream(output, transform, CryptoStreamMode.Write, true)) { crypto.Write(data, 0, 1); }
                using var reader = new StreamReader(new MemoryStream(data));
                _ = reader.ReadToEnd();
                using var writer = new StreamWriter(output);
                writer.Write("x");
                using var binary = new BinaryReader(new MemoryStream(data));
                _ = binary.ReadInt32();
                using var binaryWriter = new BinaryWriter(output);
                binaryWriter.Write(1);
                return output.ToArray();
            }
        }
        """);

    [Fact]
    public Task Wrappers_over_a_file_are_reported() => AnalyzeAsync("""
        using System.IO.Compression;
        class C
        {
            async Task M(string path, byte[] data)
            {
                await Task.Yield();
                using var file = new FileStream(path, FileMode.Create);
                using var gzip = new GZipStream(file, CompressionLevel.Fastest);
                {|ASPH1001:gzip.Write(data, 0, data.Length)|};
                using var reader = new BinaryReader(File.OpenRead(path));
                _ = {|ASPH1001:reader.ReadInt32()|};
                using var text = new StreamReader(new FileStream(path, FileMode.Open));
                _ = {|ASPH1001:text.ReadLine()|};
            }
        }
        """);

    [Fact]
    public Task Memory_stream_copied_into_a_file_is_reported() => AnalyzeAsync("""
        class C
        {
            async Task M(FileStream file, byte[] data)
            {
                await Task.Yield();
                var buffer = new MemoryStream(data);
                {|ASPH1001:buffer.CopyTo(file)|};
                buffer.CopyTo(new MemoryStream());
            }
        }
        """);

    [Fact]
    public Task Zip_archive_apis_are_reported() => AnalyzeAsync("""
        using System.IO.Compression;
        class C
        {
            async Task M(string dir, string zip, ZipArchive archive, ZipArchiveEntry entry)
            {
                await Task.Yield();
                {|ASPH1001:ZipFile.CreateFromDirectory(dir, zip)|};
                using var opened = {|ASPH1001:ZipFile.OpenRead(zip)|};
                _ = {|ASPH1001:archive.CreateEntryFromFile("a.txt", "a.txt")|};
                {|ASPH1001:entry.ExtractToFile("out.txt")|};
                using var stream = {|ASPH1001:entry.Open()|};
                using var inMemory = new ZipArchive(new MemoryStream(), ZipArchiveMode.Create);
                using var entryStream = inMemory.CreateEntry("x").Open();
            }
        }
        """);

    [Fact]
    public Task ReadAsStream_after_a_buffered_send_is_not_reported_but_after_headers_read_it_is() => AnalyzeAsync("""
        class C
        {
            async Task M(HttpClient http, HttpRequestMessage request, byte[] buffer)
            {
                using var response = await http.SendAsync(request);
                using var body = response.Content.ReadAsStream();
                _ = body.Read(buffer, 0, buffer.Length);
                using var got = (await http.GetAsync("http://x/")).Content.ReadAsStream();
                using var streamed = await http.GetAsync("http://x/", HttpCompletionOption.ResponseHeadersRead);
                using var live = {|ASPH1001:streamed.Content.ReadAsStream()|};
            }
        }
        """);

    [Fact]
    public Task Helper_taking_Stream_blocks_only_for_arguments_that_are_not_in_memory() => AnalyzeAsync("""
        class C
        {
            async Task M(string path, byte[] data)
            {
                await Task.Yield();
                var memory = new MemoryStream();
                Save(memory, data);
                Save(new BufferedStream(memory), data);
                using var file = File.Create(path);
                {|#0:Save(file, data)|};
            }

            static void Save(Stream target, byte[] data) => Write(target, data);
            static void Write(Stream target, byte[] data) => {|#1:target.Write(data, 0, data.Length)|};
        }
        """, Chain("C.Save() → C.Write() → Stream.Write(byte[], int, int)", "await 'WriteAsync' instead"));

    // OpenAPI.NET reported one StreamWriter-over-a-file problem 16 times, once per leaf.
    [Fact]
    public Task A_call_reaching_several_blocking_calls_is_reported_once_naming_the_others() => AnalyzeAsync("""
        class C
        {
            async Task M(byte[] data) { await Task.Yield(); {|#0:Persist(data)|}; }

            void Persist(byte[] data)
            {
                var log = new MemoryStream();
                Append(log, data);
                {|#1:File.WriteAllBytes("data.bin", data)|};
                Thread.Sleep(1);
                Thread.Sleep(2);
                _ = File.ReadAllText("a");
                _ = File.ReadAllText("b");
            }

            static void Append(Stream s, byte[] data) => s.Write(data, 0, data.Length);
        }
        """,
        Chain("C.Persist() → File.WriteAllBytes(string, byte[]) (and 4 more blocking calls through this call: Thread.Sleep(int) at Test0.cs:22, Thread.Sleep(int) at Test0.cs:23, File.ReadAllText(string) at Test0.cs:24, ...)", "await 'WriteAllBytesAsync' instead"));

    [Fact]
    public Task A_blocking_call_is_reported_once_per_async_entry_at_the_first_call_reaching_it() => AnalyzeAsync("""
        class C
        {
            async Task M(byte[] data)
            {
                await Task.Yield();
                {|#0:Persist(data)|};
                Persist(data);
                {|#2:Log()|};
            }

            void Persist(byte[] data) => {|#1:File.WriteAllBytes("data.bin", data)|};
            void Log() { Persist(new byte[0]); {|#3:Thread.Sleep(1)|}; }
        }
        """,
        Chain(),
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.TransitiveBlockingCall).WithLocation(2).WithLocation(3)
            .WithArguments("C.Log()", "C.Log() → Thread.Sleep(int) (and 1 more blocking call through this call: File.WriteAllBytes(string, byte[]) at Test0.cs:23)", "make the chain async and await Task.Delay(...) instead, or offload the call with Offload.RunAsync"));

    [Fact]
    public Task Json_serialization_blocks_only_through_a_stream_that_is_not_in_memory() => AnalyzeAsync("""
        using System.Text.Json;
        record Settings(int Port);
        class C
        {
            async Task<Settings?> M(string path, Settings settings)
            {
                await Task.Yield();
                _ = JsonSerializer.Serialize(settings);
                var buffer = new MemoryStream();
                JsonSerializer.Serialize(buffer, settings);
                using var file = File.OpenRead(path);
                return {|ASPH1001:JsonSerializer.Deserialize<Settings>(file)|};
            }
        }
        """);
    // OpenAPI.NET's FixReferences: a writer object holding a TextWriter it was given, serializing into a StringWriter.
    [Fact]
    public Task A_writer_object_over_a_string_writer_is_not_reported_and_over_a_file_it_is() => AnalyzeAsync("""
        using System.Text;
        interface IDocWriter { void WriteValue(string value); }
        abstract class DocWriterBase : IDocWriter
        {
            protected DocWriterBase(TextWriter textWriter) { Writer = textWriter; }
            protected TextWriter Writer { get; }
            public void WriteValue(string value) { WriteSeparator(); Writer.Write(value); }
            protected abstract void WriteSeparator();
        }
        sealed class YamlDocWriter : DocWriterBase
        {
            public YamlDocWriter(TextWriter textWriter) : base(textWriter) { }
            protected override void WriteSeparator() => {|#1:Writer.WriteLine()|};
        }
        static class Serializer
        {
            public static void Serialize(this string document, IDocWriter writer) => writer.WriteValue(document);
        }
        class C
        {
            async Task M(string document, string path)
            {
                await Task.Yield();
                var sb = new StringBuilder();
                document.Serialize(new YamlDocWriter(new StringWriter(sb)));
                var local = new YamlDocWriter(new StringWriter());
                local.WriteValue(document);
                using var file = File.CreateText(path);
                {|#0:document.Serialize(new YamlDocWriter(file))|};
            }
        }
        """, Transitive(0, 1));
}

using System.Text.RegularExpressions;
using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests;

/// <summary>The example at the top of docs/generator.md compiles and wires cleanly, so it cannot rot.</summary>
public sealed class DocsExampleTests
{
    private const string Support = """
        namespace Docs
        {
            public sealed record ChatMessage(string User, string Text);

            public sealed class MessageStore : System.IAsyncDisposable
            {
                public static System.Threading.Tasks.Task<MessageStore> OpenAsync(string path, System.Threading.CancellationToken cancellationToken) =>
                    System.Threading.Tasks.Task.FromResult(new MessageStore());

                public System.Threading.Tasks.Task WelcomeAsync(Asphalt.Signal<ChatMessage> messages, System.Threading.CancellationToken cancellationToken) =>
                    messages.DispatchAsync(new ChatMessage("server", "welcome")).AsTask();

                public System.Threading.Tasks.ValueTask DisposeAsync() => default;
            }
        }
        """;

    [Fact]
    public async Task Generator_doc_example_builds_without_diagnostics()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Asphalt.sln")))
        {
            directory = directory.Parent;
        }

        var markdown = File.ReadAllText(Path.Combine(directory.FullName, "docs", "generator.md"));
        var example = Regex.Match(markdown, "```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var source = "using System.Threading;\nusing System.Threading.Tasks;\nusing Docs;\n" + example.Replace("using Asphalt;", "using Asphalt;\nnamespace Example;");
        (await GeneratorHarness.AnalyzeAsync(source, Support)).AssertClean();
    }
}

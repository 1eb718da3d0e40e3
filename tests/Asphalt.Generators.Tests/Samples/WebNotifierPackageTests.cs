using System.Runtime.CompilerServices;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Tests.Samples;

/// <summary>
/// WebNotifier consumes Asphalt.Mailer as a component package. Its real source files and
/// configuration files are compiled here against the built Asphalt.Mailer assembly, as the build
/// does, to show what crosses the assembly boundary: option typos and missing resources.
/// </summary>
public sealed class WebNotifierPackageTests
{
    private static string SampleDirectory([CallerFilePath] string callerPath = "")
    {
        for (var directory = Path.GetDirectoryName(callerPath); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var sample = Path.Combine(directory, "samples", "WebNotifier");
            if (Directory.Exists(sample))
            {
                return sample;
            }
        }

        throw new InvalidOperationException("Cannot find samples/WebNotifier from " + callerPath);
    }

    /// <summary>The sample's global usings (ImplicitUsings in its project).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly MetadataReference[] PackageReferences =
    [
        MetadataReference.CreateFromFile(typeof(Asphalt.Mailer.MailerComponent).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MimeKit.MimeMessage).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MailKit.Net.Smtp.SmtpClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(DiffPlex.Differ).Assembly.Location),
    ];

    private static async Task<GeneratedProgram> CompileSampleAsync(Func<string, string, string>? editSource = null, Func<string, string>? editConfig = null)
    {
        var directory = SampleDirectory();
        // Program.cs is only the executable's entry point; the library compilation leaves it out.
        var sources = Directory.GetFiles(directory, "*.cs").Where(path => Path.GetFileName(path) != "Program.cs").Order(StringComparer.Ordinal)
            .Select(path => editSource is null ? File.ReadAllText(path) : editSource(Path.GetFileName(path), File.ReadAllText(path)))
            .Append(ImplicitUsings)
            .ToArray();
        var config = File.ReadAllText(Path.Combine(directory, "config.yaml"));
        var files = new[] { new ConfigurationFile("config.yaml", editConfig is null ? config : editConfig(config)) };
        var program = await GeneratorHarness.AnalyzeAsync(GeneratorHarness.Compile("WebNotifier", PackageReferences, sources), files);
        Assert.DoesNotContain(program.AnalyzerDiagnostics, d => d.Id == "AD0001");
        return program;
    }

    [Fact]
    public async Task The_sample_and_its_configuration_build_cleanly_with_the_mailer_package()
    {
        var program = await CompileSampleAsync();

        program.AssertClean();
        var registry = program.Generated.Sources.Single(s => s.HintName == "Asphalt.Generated.ComponentRegistry.g.cs").Text;
        Assert.Contains("case \"mailer\": return global::Asphalt.Mailer.MailerComponent.__CreateTree(configuration, resourceName);", registry);
    }

    [Fact]
    public async Task A_typo_in_the_mailer_s_options_fails_the_build_at_the_configuration_file_s_line()
    {
        var program = await CompileSampleAsync(editConfig: yaml => yaml.Replace("      backend: console", "      backnd: console"));

        Assert.Empty(program.CompilerErrors);
        var diagnostic = Assert.Single(program.Wiring);
        Assert.Equal("ASPH0013", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("config.yaml", span.Path);
        var lines = File.ReadAllLines(Path.Combine(SampleDirectory(), "config.yaml"));
        Assert.Equal(Array.FindIndex(lines, l => l.StartsWith("      backend: console", StringComparison.Ordinal)) + 1, span.StartLinePosition.Line + 1);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'backnd' is not an option of component 'app/mailer' (Asphalt.Mailer.MailerComponent)", message);
        Assert.Contains("did you mean 'Backend'?", message);
    }

    [Fact]
    public async Task A_resource_the_mailer_package_does_not_provide_fails_the_build_with_ASPH0001_at_the_parameter()
    {
        var program = await CompileSampleAsync(editSource: (file, text) => file == "ApplicationComponent.cs"
            ? text.Replace("[Resource(NameOption = nameof(NotifierOptions.Mailer))] Mailer mailer", "[Resource(\"backup\")] Mailer mailer")
            : text);

        Assert.Empty(program.CompilerErrors);
        var diagnostic = Assert.Single(program.Wiring, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ASPH0001", diagnostic.Id);
        var source = diagnostic.Location.SourceTree!.GetText();
        Assert.Contains("public sealed partial class ApplicationComponent", source.ToString());
        Assert.Equal("mailer", source.ToString(diagnostic.Location.SourceSpan));
        Assert.Contains("[Resource(\"backup\")] Mailer mailer", source.Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString());
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("takes resource Mailer 'backup' in parameter 'mailer' of RunAsync", message);
        Assert.Contains("did you mean 'default' (from 'app/mailer')?", message);
    }
}

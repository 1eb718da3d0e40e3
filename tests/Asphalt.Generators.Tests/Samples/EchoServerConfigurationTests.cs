using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Tests.Samples;

/// <summary>
/// samples/EchoServer lists client.yaml as an AsphaltConfiguration AdditionalFile: the real file builds
/// clean, and a typo in a copy of it is a build error at the typo's line.
/// </summary>
public sealed class EchoServerConfigurationTests
{
    // The sample compiles with implicit usings; Program.cs (top-level statements) is left out of this library build.
    private const string ImplicitUsings = """
        global using System;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static string SampleFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Asphalt.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Asphalt.sln not found"), "samples", "EchoServer");
    }

    private static async Task<List<Diagnostic>> AnalyzeSampleAsync(string clientYaml)
    {
        var folder = SampleFolder();
        var sources = Directory.GetFiles(folder, "*.cs")
            .Where(f => Path.GetFileName(f) is not ("Program.cs" or "SampleSwitches.cs")) // The host's plumbing (OpenTelemetry, logging), no components.
            .Select(File.ReadAllText)
            .Append(ImplicitUsings)
            .ToArray();
        var file = new ConfigurationFile(Path.Combine(folder, "client.yaml"), clientYaml);
        var program = await GeneratorHarness.AnalyzeAsync([file], sources);
        Assert.DoesNotContain(program.AnalyzerDiagnostics, d => d.Id == "AD0001");
        Assert.Empty(program.CompilerErrors);
        return program.Wiring.ToList();
    }

    [Fact]
    public void The_sample_lists_client_yaml_as_a_configuration_file()
    {
        var project = File.ReadAllText(Path.Combine(SampleFolder(), "EchoServer.csproj"));
        Assert.Contains("<AdditionalFiles Include=\"client.yaml\" AsphaltConfiguration=\"true\" />", project);
        Assert.Contains("Asphalt.Generators.targets", project);
    }

    [Fact]
    public async Task The_real_client_yaml_gives_no_diagnostic()
    {
        var diagnostics = await AnalyzeSampleAsync(File.ReadAllText(Path.Combine(SampleFolder(), "client.yaml")));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_typo_in_a_copy_of_client_yaml_fails_the_build_at_its_line()
    {
        var original = File.ReadAllText(Path.Combine(SampleFolder(), "client.yaml")).Replace("\r\n", "\n");
        var lines = original.Split('\n');
        var line = Array.FindIndex(lines, l => l.TrimStart().StartsWith("message:", StringComparison.Ordinal));
        Assert.True(line >= 0, "client.yaml sets component.message");
        lines[line] = lines[line].Replace("message:", "mesage:", StringComparison.Ordinal);

        var diagnostic = Assert.Single(await AnalyzeSampleAsync(string.Join("\n", lines)));
        Assert.Equal("ASPH0013", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.EndsWith("client.yaml", span.Path, StringComparison.Ordinal);
        Assert.Equal(line, span.StartLinePosition.Line);
        Assert.Equal(lines[line].IndexOf('m', StringComparison.Ordinal), span.StartLinePosition.Character);
        Assert.Contains("did you mean 'Message'?", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_port_out_of_range_in_a_copy_of_client_yaml_fails_the_build_at_its_line()
    {
        var original = File.ReadAllText(Path.Combine(SampleFolder(), "client.yaml")).Replace("\r\n", "\n");
        var lines = original.Split('\n');
        var line = Array.FindIndex(lines, l => l.TrimStart().StartsWith("# port:", StringComparison.Ordinal));
        Assert.True(line >= 0, "client.yaml shows component.port, commented out");
        lines[line] = lines[line].Replace("# port: 64100", "port: 99999", StringComparison.Ordinal);

        var diagnostic = Assert.Single(await AnalyzeSampleAsync(string.Join("\n", lines)));
        Assert.Equal("ASPH0014", diagnostic.Id);
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("'99999' is not a valid Int32 from 1 to 65535", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}

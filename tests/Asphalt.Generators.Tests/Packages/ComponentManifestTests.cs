using Asphalt.Generators.Models;
using Asphalt.Generators.Packages;
using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests.Packages;

/// <summary>A component's manifest carries its whole model: what is read back equals what the generator parsed.</summary>
public sealed class ComponentManifestTests
{
    private const string RichComponents = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Threading;
        using System.Threading.Tasks;
        using Asphalt;
        namespace Rich;
        public enum Mode { Fast, Safe }
        public sealed record Tls(bool Enabled, string? Certificate = null);
        public sealed class RichOptions : IValidatableObject
        {
            [Range(1, 65535)] public int Port { get; set; } = 80;
            [Required(AllowEmptyStrings = true), StringLength(9, MinimumLength = 2), RegularExpression("^[a-z\\\"]+$")] public string? Owner { get; set; }
            [EmailAddress] public string? Mail { get; set; }
            [MinLength(1), MaxLength(4)] public List<string> Hosts { get; set; } = new() { "h" };
            public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => [];
            [Url] public Uri? Home { get; set; }
            public Mode Mode { get; set; }
            public TimeSpan? Delay { get; set; }
            public List<string> Tags { get; set; } = new();
            public int[] Sizes { get; set; } = [];
            public Dictionary<string, Tls> Sites { get; set; } = new();
            public required string Name { get; init; }
            public string? StoreName { get; set; }
        }
        public sealed class Store : IDisposable { public void Dispose() { } }
        public interface IStore { }
        public sealed class Named : IStore { }
        public sealed record Tick(int N);
        [Component("rich")]
        public sealed partial class RichComponent(RichOptions options, Microsoft.Extensions.Configuration.IConfiguration section, string hook = "a\"b")
        {
            [Signal("ticks")] public Signal<Tick> Ticks { get; } = new("ticks");
            [Resource("named", PublishAs = typeof(IStore))] public Named Named { get; } = new();

            [return: Resource(Owned = true)]
            public Task<Store> PrepareAsync(CancellationToken cancellationToken) => Task.FromResult(new Store());

            public async ValueTask StartAsync(Context context, [Resource("default", NameOption = nameof(RichOptions.StoreName))] Store store, IStore? maybe = null, int count = 3)
            {
                await Task.Yield();
            }

            [SignalListener("ticks")] private Task OnTick(Tick tick) => Task.CompletedTask;
        }
        [Component, ChildComponent<RichComponent>("rich")]
        public sealed partial class Root : CliApplicationComponent
        {
            public int? RunAsync([Resource("named")] IStore store) => null;
        }
        """;

    [Theory]
    [InlineData(RichComponents)]
    [InlineData(TestSources.App)]
    public async Task Every_public_model_reads_back_equal_from_its_manifest(string source)
    {
        (await GeneratorHarness.AnalyzeAsync(source)).AssertClean();
        var models = GeneratorHarness.Generate(GeneratorHarness.Compile(source)).Run
            .TrackedSteps[TrackingNames.ValidComponents].SelectMany(s => s.Outputs).Select(o => (ComponentModel)o.Value)
            .Where(m => m.IsPublic).ToList();
        Assert.NotEmpty(models);

        foreach (var model in models)
        {
            Assert.False(model.HasErrors, model.Type.DisplayName);
            Assert.Equal(model with { IsReferenced = true }, ComponentManifest.Read(ComponentManifest.Write(model)));
        }
    }

    [Fact]
    public void A_manifest_of_another_format_version_or_a_damaged_one_is_not_read()
    {
        var model = GeneratorHarness.Generate(GeneratorHarness.Compile(RichComponents)).Run
            .TrackedSteps[TrackingNames.ValidComponents].SelectMany(s => s.Outputs).Select(o => (ComponentModel)o.Value).First();
        var text = ComponentManifest.Write(model);

        Assert.StartsWith("1:2", text); // Version 2: options carry their validation rules.
        Assert.Null(ComponentManifest.Read("1:1" + text.Substring(3)));
        Assert.Null(ComponentManifest.Read(text.Substring(0, text.Length - 1)));
        Assert.Null(ComponentManifest.Read(text + "1:x"));
        Assert.Null(ComponentManifest.Read("garbage"));
    }
}

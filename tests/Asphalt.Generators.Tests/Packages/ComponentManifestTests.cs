using Asphalt.Generators.Common;
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
    public void Every_field_of_every_model_record_reads_back_from_the_manifest()
    {
        // Built by reflection, so a field added to any model record is set here without editing the test.
        var model = (ComponentModel)EveryFieldSet.Create(typeof(ComponentModel));

        Assert.Equal(AsShipped(model), ComponentManifest.Read(ComponentManifest.Write(AsShipped(model))));
    }

    [Fact]
    public void A_version_2_manifest_is_still_read_with_the_later_fields_at_their_defaults()
    {
        // What a package built with the previous Asphalt ships for:
        // [Component("legacy")] public sealed partial class Legacy(ILogger<Legacy> log) { public Task StartAsync(Context context, [Resource("db")] Db db) ... }
        string[] type = ["global::Old.Legacy", "Legacy", "0"];
        string[] db = ["global::Old.Db", "Db", "0"];
        var tokens = new List<string> { "2" };
        tokens.AddRange(type);
        tokens.AddRange(["Old", "0", "Legacy", "legacy", "0"]);
        tokens.AddRange(["1", "3", "log", "global::Microsoft.Extensions.Logging.ILogger<global::Old.Legacy>", "ILogger<Legacy>", "0", null!]); // constructor
        tokens.Add("0"); // no prepare
        tokens.AddRange(["1", "StartAsync", "1", "2"]);
        tokens.AddRange(["context", "1", "0", "", "0", "", null!, null!]);
        tokens.AddRange(["db", "0", "1"]);
        tokens.AddRange(db);
        tokens.AddRange(["db", "0", "", null!, null!]);
        tokens.AddRange(["1", "0", "0"]); // returns Task, no result, nothing published
        tokens.AddRange(["0", "0", "0", "0", "0"]); // no run, published, listeners, children, options
        var text = string.Concat(tokens.Select(t => t is null ? "~" : t.Length + ":" + t));

        var model = ComponentManifest.Read(text);

        Assert.NotNull(model);
        Assert.Equal("legacy", model.Alias);
        var logger = Assert.Single(model.Constructor);
        Assert.Equal((ConstructorArgumentKind.Logger, "log", (TypeRef?)null, false), (logger.Kind, logger.Name, logger.Category, logger.IsTyped));
        var step = model.Start!;
        Assert.False(step.HidesBaseStep);
        Assert.Equal(["context", "db"], step.Parameters.Select(p => p.Name));
        Assert.Equal(new TypeRef("global::Old.Db", "Db", false), step.Parameters[1].Type);
        Assert.Equal("db", step.Parameters[1].ResourceName);
        Assert.Empty(model.HandlerParameters);
    }

    /// <summary>
    /// The model as a manifest carries it: the fields <see cref="ComponentManifest"/> deliberately leaves
    /// out (listed in its remarks) set as reading sets them. The one place the test knows about them.
    /// </summary>
    private static ComponentModel AsShipped(ComponentModel model)
    {
        static InjectedParameter Parameter(InjectedParameter p) => p with { Location = null };
        static PublishedResource? Published(PublishedResource? p) => p is null ? null : p with { Location = null };
        static StepMethod? Step(StepMethod? s) => s is null ? null : s with
        {
            Parameters = s.Parameters.Select(Parameter).ToEquatableArray(),
            Published = Published(s.Published),
        };

        return model with
        {
            Prepare = Step(model.Prepare),
            Start = Step(model.Start),
            Run = Step(model.Run),
            Published = model.Published.Select(p => Published(p)!).ToEquatableArray(),
            Listeners = model.Listeners.Select(l => l with { Location = null }).ToEquatableArray(),
            Children = model.Children.Select(c => c with { Location = null }).ToEquatableArray(),
            HandlerParameters = model.HandlerParameters.Select(Parameter).ToEquatableArray(),
            Bridges = model.Bridges.Select(b => b with { Location = null }).ToEquatableArray(),
            HasErrors = false,
            Location = null,
            IsPublic = true,
            IsReferenced = true,
        };
    }

    [Fact]
    public void A_manifest_of_another_format_version_or_a_damaged_one_is_not_read()
    {
        var model = GeneratorHarness.Generate(GeneratorHarness.Compile(RichComponents)).Run
            .TrackedSteps[TrackingNames.ValidComponents].SelectMany(s => s.Outputs).Select(o => (ComponentModel)o.Value).First();
        var text = ComponentManifest.Write(model);

        Assert.StartsWith("1:5", text); // Version 5: signals configuration may bridge.
        Assert.Null(ComponentManifest.Read("1:1" + text.Substring(3)));
        Assert.Null(ComponentManifest.Read("1:6" + text.Substring(3)));
        Assert.Null(ComponentManifest.Read(text.Substring(0, text.Length - 1)));
        Assert.Null(ComponentManifest.Read(text + "1:x"));
        Assert.Null(ComponentManifest.Read("garbage"));
    }
}

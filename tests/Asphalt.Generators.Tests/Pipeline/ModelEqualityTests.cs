using Asphalt.Generators.Common;
using Asphalt.Generators.Components;
using Asphalt.Generators.Models;
using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests.Pipeline;

public sealed class ModelEqualityTests
{
    private const string Original = """
        using Asphalt;
        namespace Demo;
        public sealed class Store { }
        public sealed class Clock { }
        [Component]
        public sealed partial class A
        {
            [Resource] public Store Store { get; } = new();
            [Resource("clock")] public Clock Clock { get; } = new();
            [SignalListener("ticks")] private void OnTick(int tick) { }
            [SignalListener("tocks")] private void OnTock(int tock) { }
            public void StartAsync(Store store) { var x = 1; }
        }
        """;

    private const string Reordered = """
        using Asphalt;
        namespace Demo;
        public sealed class Store { }
        public sealed class Clock { }
        [Component]
        public sealed partial class A
        {
            // Same declarations, moved around, different bodies and comments.
            public void StartAsync(Store store) { var y = 2; var z = y * 3; }
            [SignalListener("tocks")] private void OnTock(int tock) { System.Console.WriteLine(tock); }
            [Resource("clock")] public Clock Clock { get; } = new();
            [SignalListener("ticks")] private void OnTick(int tick) { }
            [Resource] public Store Store { get; } = new();
        }
        """;

    private static ComponentModel ModelOf(string source) =>
        (ComponentModel)GeneratorHarness.Generate(GeneratorHarness.Compile(source)).Run
            .TrackedSteps[TrackingNames.ValidComponents].Single().Outputs.Single().Value;

    [Fact]
    public void Equivalent_sources_give_equal_models()
    {
        Assert.Equal(ModelOf(Original), ModelOf(Reordered));
        Assert.Equal(ModelOf(Original).GetHashCode(), ModelOf(Reordered).GetHashCode());
    }

    [Fact]
    public void A_different_resource_name_gives_a_different_model()
    {
        Assert.NotEqual(ModelOf(Original), ModelOf(Original.Replace("[Resource(\"clock\")]", "[Resource(\"time\")]")));
    }

    [Fact]
    public void Emitter_works_from_a_hand_built_model()
    {
        var store = new TypeRef("global::Demo.Store", "Store", false);
        var model = new ComponentModel(
            new TypeRef("global::Demo.Hand", "Hand", false), "Demo", EquatableArray<ContainingType>.Empty, "Hand", "hand",
            ComponentBase.Added, EquatableArray<ConstructorArgument>.Empty,
            Prepare: null,
            Start: new StepMethod("StartAsync", Phase.Start,
                new[]
                {
                    new InjectedParameter("store", ParameterKind.Resource, store, "main", false, "default", null),
                    new InjectedParameter("cancellationToken", ParameterKind.CancellationToken, null, "", false, "", null),
                }.ToEquatableArray(),
                ReturnKind.ValueTask, null, null),
            Run: null,
            Published: new[] { new PublishedResource("Copy", "property Copy", store, store, "copy", true, false, Phase.Start, null) }.ToEquatableArray(),
            Listeners: EquatableArray<SignalListener>.Empty,
            Children: EquatableArray<ChildDeclaration>.Empty,
            Options: EquatableArray<OptionsType>.Empty,
            HasErrors: false,
            Location: null);
        Snapshot.Verify("HandBuilt", [(ComponentGenerator.Emitter.HintName(model), ComponentGenerator.Emitter.Emit(model))]);
    }
}

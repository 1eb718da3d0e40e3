namespace Asphalt;

/// <summary>One registered teardown step: a callback or the disposal of an owned resource.</summary>
internal sealed class TeardownEntry(string description, string? owner, Func<Exception?, ValueTask> run)
{
    public string Description { get; } = description;

    /// <summary>The path of the component that registered the step, if any.</summary>
    public string? Owner { get; } = owner;

    public ValueTask RunAsync(Exception? exception) => run(exception);

    public static TeardownEntry ForDisposal(object value, string description, string? owner) => value switch
    {
        IAsyncDisposable asyncDisposable => new(description, owner, _ => asyncDisposable.DisposeAsync()),
        IDisposable disposable => new(description, owner, _ =>
        {
            disposable.Dispose();
            return ValueTask.CompletedTask;
        }),
        _ => new(description, owner, _ => ValueTask.CompletedTask),
    };
}

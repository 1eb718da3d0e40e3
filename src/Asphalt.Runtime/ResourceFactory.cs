namespace Asphalt;

/// <summary>
/// A registered factory for a lazily created resource. The value is created on first request in
/// the requesting context, once per context, and stored there.
/// </summary>
internal sealed class ResourceFactory(
    ResourceKey key,
    Func<Context, object>? create,
    Func<Context, CancellationToken, ValueTask<object>>? createAsync,
    bool owned,
    Publisher publisher)
{
    public ResourceKey Key { get; } = key;

    public bool IsAsync => createAsync is not null;

    public bool Owned { get; } = owned;

    public Publisher Publisher { get; } = publisher;

    public object Create(Context context) =>
        create is not null
            ? create(context) ?? throw NullValue()
            : throw AsyncOnly();

    /// <summary>The error of a synchronous get of a resource only this async factory provides, not created yet.</summary>
    public InvalidOperationException AsyncOnly() =>
        new($"Resource {Key} is created by an async factory; get it with GetResourceAsync.");

    public async ValueTask<object> CreateAsync(Context context, CancellationToken cancellationToken)
    {
        var value = createAsync is not null ? await createAsync(context, cancellationToken).ConfigureAwait(false) : Create(context);
        return value ?? throw NullValue();
    }

    private InvalidOperationException NullValue() =>
        new($"The factory for resource {Key} (registered by {Publisher}) returned null.");
}

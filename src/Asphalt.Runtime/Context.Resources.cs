using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace Asphalt;

// Publishing and looking up resources.
public sealed partial class Context
{
    // Reads are lock-free: each type maps to a small copy-on-write array of named entries.
    // Writes take _gate so conflict checks and waiter wake-ups are atomic.
    // Made by the first publish (under _gate): most request- and task-scoped contexts never publish,
    // and an empty ConcurrentDictionary is the largest part of a context.
    private ConcurrentDictionary<Type, ResourceEntry[]>? _resources;

    // Copy-on-write, so the lookup path reads it without the lock; null until a factory is added.
    private volatile Dictionary<ResourceKey, ResourceFactory>? _factories;

    // Async factory values being created in this context, so concurrent first requests share one run.
    private Dictionary<ResourceKey, Task<object>>? _generating;

    private Dictionary<ResourceKey, List<ResourceWaiter>>? _waiters;

    /// <summary>Publishes <paramref name="value"/> as a resource of type <typeparamref name="T"/>.</summary>
    /// <param name="value">The resource; not null.</param>
    /// <param name="name">Its name: an identifier.</param>
    /// <param name="owned">If true, the context disposes the value when it closes
    /// (<see cref="IAsyncDisposable"/> preferred over <see cref="IDisposable"/>), in LIFO order with the teardown callbacks.</param>
    /// <exception cref="ResourceConflictException">A resource of the same type and name is already published here.</exception>
    public void AddResource<T>(T value, string name = ResourceKey.DefaultName, bool owned = false)
        where T : notnull =>
        Publish([typeof(T)], value, name, owned);

    /// <summary>Publishes <paramref name="value"/> under two types at once, for example a class and its interface.</summary>
    /// <inheritdoc cref="AddResource{T}(T, string, bool)"/>
    public void AddResource<T, TAlso>(T value, string name = ResourceKey.DefaultName, bool owned = false)
        where T : notnull, TAlso =>
        Publish([typeof(T), typeof(TAlso)], value, name, owned);

    /// <summary>Publishes <paramref name="value"/> under three types at once.</summary>
    /// <inheritdoc cref="AddResource{T}(T, string, bool)"/>
    public void AddResource<T, TAlso1, TAlso2>(T value, string name = ResourceKey.DefaultName, bool owned = false)
        where T : notnull, TAlso1, TAlso2 =>
        Publish([typeof(T), typeof(TAlso1), typeof(TAlso2)], value, name, owned);

    /// <summary>
    /// Registers a factory that creates the resource on first request, once per requesting context.
    /// </summary>
    /// <param name="factory">Creates the value; given the requesting context.</param>
    /// <param name="name">The resource's name.</param>
    /// <param name="owned">If true (the default), each created value is disposed when its context closes.</param>
    public void AddResourceFactory<T>(Func<Context, T> factory, string name = ResourceKey.DefaultName, bool owned = true)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(factory);
        RegisterFactory(new ResourceFactory(new ResourceKey(typeof(T), name), c => factory(c), null, owned, Publisher.Current));
    }

    /// <summary>Registers an async factory; see <see cref="AddResourceFactory{T}(Func{Context, T}, string, bool)"/>.</summary>
    /// <remarks>Values of async factories are available through <see cref="GetResourceAsync{T}(string, CancellationToken)"/>,
    /// and through the sync getters once created.</remarks>
    public void AddResourceFactory<T>(Func<Context, CancellationToken, ValueTask<T>> factory, string name = ResourceKey.DefaultName, bool owned = true)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(factory);
        RegisterFactory(new ResourceFactory(
            new ResourceKey(typeof(T), name), null, async (c, ct) => await factory(c, ct).ConfigureAwait(false), owned, Publisher.Current));
    }

    /// <summary>Gets a published resource, or throws if there is none.</summary>
    /// <exception cref="ResourceNotFoundException">No such resource in this context or its parents;
    /// the message lists the names under which the type is available.</exception>
    /// <exception cref="InvalidOperationException">Only an async factory provides it and its value
    /// has not been created in this context yet: use <see cref="GetResourceAsync{T}(string, CancellationToken)"/>.</exception>
    public T GetResource<T>(string name = ResourceKey.DefaultName) => (T)GetResource(typeof(T), name);

    /// <summary>
    /// <see cref="GetResource{T}(string)"/> for a type known only at run time (a DI bridge resolving by
    /// service type); returns an instance of <paramref name="type"/> and throws the same exceptions.
    /// </summary>
    /// <param name="type">The type the resource is published as.</param>
    /// <param name="name">The resource's name.</param>
    /// <inheritdoc cref="GetResource{T}(string)" path="/exception"/>
    public object GetResource(Type type, string name = ResourceKey.DefaultName)
    {
        if (TryGetResource(type, name, out var value))
        {
            return value;
        }

        if (!TryFind(type, name, out _, out var factory, out _) && factory is { IsAsync: true })
        {
            throw factory.AsyncOnly();
        }

        throw NotFound(new ResourceKey(type, name));
    }

    /// <summary>Gets the resource named <c>"default"</c> if it is published.</summary>
    public bool TryGetResource<T>([MaybeNullWhen(false)] out T value) => TryGetResource(ResourceKey.DefaultName, out value);

    /// <summary>
    /// Gets a resource if it is published, running a sync factory if one provides it. Returns false,
    /// without waiting, when nothing provides it or only an async factory whose value this context
    /// has not created yet (<see cref="GetResourceAsync{T}(string, CancellationToken)"/> creates it).
    /// </summary>
    public bool TryGetResource<T>(string name, [MaybeNullWhen(false)] out T value)
    {
        if (TryGetResource(typeof(T), name, out var found))
        {
            value = (T)found;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// <see cref="TryGetResource{T}(string, out T)"/> for a type known only at run time; generated
    /// wiring uses it so that a resource type costs no generic instantiation in a NativeAOT binary.
    /// </summary>
    public bool TryGetResource(Type type, string name, [NotNullWhen(true)] out object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (TryFind(type, name, out value, out var factory, out _))
        {
            return true;
        }

        if (factory is { IsAsync: false })
        {
            value = CreateFromFactory(factory);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Gets a resource, waiting until some component publishes it, and running its factory (sync or
    /// async) when one provides it. During start-up the wait is bounded by the start timeout, whose
    /// report names this wait.
    /// </summary>
    public ValueTask<T> GetResourceAsync<T>(string name = ResourceKey.DefaultName, CancellationToken cancellationToken = default)
    {
        if (TryFind(typeof(T), name, out var found, out _, out _))
        {
            return new ValueTask<T>((T)found);
        }

        return CastAsync<T>(GetOrWaitAsync(new ResourceKey(typeof(T), name), null, cancellationToken));
    }

    /// <summary>
    /// <see cref="GetResourceAsync{T}(string, CancellationToken)"/> for a type known only at run time;
    /// completes with the resource, an instance of <paramref name="type"/>.
    /// </summary>
    public ValueTask<object> GetResourceAsync(Type type, string name = ResourceKey.DefaultName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (TryFind(type, name, out var found, out _, out _))
        {
            return new ValueTask<object>(found);
        }

        return GetOrWaitAsync(new ResourceKey(type, name), null, cancellationToken);
    }

    /// <summary>Gets a resource, waiting at most <paramref name="timeout"/> for it to be published.</summary>
    /// <exception cref="ResourceWaitTimeoutException">Nobody published it in time.</exception>
    public ValueTask<T> GetResourceAsync<T>(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (TryFind(typeof(T), name, out var found, out _, out _))
        {
            return new ValueTask<T>((T)found);
        }

        return CastAsync<T>(GetOrWaitAsync(new ResourceKey(typeof(T), name), timeout, cancellationToken));
    }

    private static async ValueTask<T> CastAsync<T>(ValueTask<object> pending) => (T)await pending.ConfigureAwait(false);

    /// <summary>The names under which resources of <paramref name="type"/> are published here and in parents.</summary>
    public IReadOnlyList<string> GetResourceNames(Type type)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var context = this; context is not null; context = context.Parent)
        {
            if (context._resources is { } resources && resources.TryGetValue(type, out var entries))
            {
                foreach (var entry in entries)
                {
                    names.Add(entry.Name);
                }
            }

            if (context._factories is { } factories)
            {
                foreach (var key in factories.Keys)
                {
                    if (key.Type == type)
                    {
                        names.Add(key.Name);
                    }
                }
            }
        }

        return [.. names];
    }

    // The hot path: walk the chain; a published value wins at each level, then a factory.
    /// <summary>A resource already published here or in a parent; never runs a factory, never waits.</summary>
    internal bool TryGetPublished(Type type, string name, [NotNullWhen(true)] out object? value) => TryFind(type, name, out value, out _, out _);

    private bool TryFind(Type type, string name, [NotNullWhen(true)] out object? value, out ResourceFactory? factory, out Context? owner)
    {
        for (var context = this; context is not null; context = context.Parent)
        {
            if (context._resources is { } resources && resources.TryGetValue(type, out var entries))
            {
                foreach (var entry in entries)
                {
                    // A factory's value belongs to the context that asked for it; descendants make their own.
                    if (entry.Name == name && (!entry.Generated || context == this))
                    {
                        value = entry.Value;
                        factory = null;
                        owner = context;
                        return true;
                    }
                }
            }

            if (context._factories is { } factories && factories.TryGetValue(new ResourceKey(type, name), out factory))
            {
                value = null;
                owner = context;
                return false;
            }
        }

        value = null;
        factory = null;
        owner = null;
        return false;
    }

    // The factory runs outside the context's lock, so a slow factory never blocks unrelated publishes,
    // waits or teardown; concurrent first requests share one run through the in-flight entry.
    private object CreateFromFactory(ResourceFactory factory)
    {
        Task<object>? pending;
        TaskCompletionSource<object>? creation = null;
        lock (_gate)
        {
            if (TryFindLocal(factory.Key, out var existing))
            {
                return existing;
            }

            ThrowIfClosed("create a resource from its factory");
            _generating ??= [];
            if (!_generating.TryGetValue(factory.Key, out pending))
            {
                creation = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
                _generating[factory.Key] = creation.Task;
            }
        }

        if (creation is null)
        {
            // Another caller is creating it with a sync factory, which is quick by contract: wait for its value.
            return pending!.GetAwaiter().GetResult();
        }

        try
        {
            var value = factory.Create(this);
            lock (_gate)
            {
                _generating.Remove(factory.Key);
                PublishGeneratedLocked(factory, value);
            }

            creation.SetResult(value);
            return value;
        }
        catch (Exception error)
        {
            lock (_gate)
            {
                _generating.Remove(factory.Key);
            }

            creation.SetException(error);
            throw;
        }
    }

    // Waits for the resource, or runs the factory that provides it, under the timeout and recorded
    // as this component's wait for the start-timeout report.
    // Not generic, so that waiting costs one async state machine for all resource types.
    private async ValueTask<object> GetOrWaitAsync(ResourceKey key, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var name = key.Name;
        var node = ComponentNode.Current;
        var waitStarted = AsphaltTelemetry.WaitDuration.Enabled ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        using var timeoutSource = timeout is { } t ? new CancellationTokenSource(t) : null;
        using var linked = timeoutSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var token = linked?.Token ?? cancellationToken;

        // Set by the runner once start-up is over: a long wait is then no longer covered by the start timeout.
        var slowWait = Root.SlowResourceWaitWarning is { } threshold ? new SlowResourceWait(threshold) : null;
        if (node is not null)
        {
            node.BeginWait(key);
            Log.WaitingForResource(_logger, node.Path, key);
        }

        try
        {
            while (true)
            {
                var waiter = new ResourceWaiter(key);
                RegisterWaiter(waiter);
                try
                {
                    // Checked after registering, so a publish in between is never missed.
                    if (TryFind(key.Type, name, out var found, out var factory, out _))
                    {
                        return found;
                    }

                    if (factory is not null)
                    {
                        return await CreateFromFactoryAsync(factory, token).ConfigureAwait(false);
                    }

                    if (slowWait is null)
                    {
                        await waiter.Published.WaitAsync(token).ConfigureAwait(false);
                    }
                    else
                    {
                        await slowWait.WaitAsync(waiter.Published, waited => WarnSlowWait(node, key, waited), token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    UnregisterWaiter(waiter);
                }
            }
        }
        catch (OperationCanceledException) when (timeoutSource?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            throw new ResourceWaitTimeoutException(key, timeout!.Value, node?.Path);
        }
        finally
        {
            if (node is not null)
            {
                node.EndWait(key);
                Log.GotResource(_logger, node.Path, key);
            }

            if (waitStarted != 0)
            {
                AsphaltTelemetry.RecordWait(key, node?.Path, System.Diagnostics.Stopwatch.GetElapsedTime(waitStarted));
            }
        }
    }

    private void WarnSlowWait(ComponentNode? node, ResourceKey key, TimeSpan waited)
    {
        var names = GetResourceNames(key.Type);
        var published = names.Count == 0
            ? "no resource of that type is published"
            : $"resources of that type are published as: '{string.Join("', '", names)}'";
        Log.SlowResourceWait(_logger, node is null ? "Code outside any component" : $"Component '{node.Path}'", waited.TotalSeconds, key, published);
    }

    private async Task<object> CreateFromFactoryAsync(ResourceFactory factory, CancellationToken cancellationToken)
    {
        Task<object> creation;
        lock (_gate)
        {
            if (TryFindLocal(factory.Key, out var existing))
            {
                return existing;
            }

            _generating ??= [];
            if (!_generating.TryGetValue(factory.Key, out creation!))
            {
                creation = RunFactoryAsync(factory);
                _generating[factory.Key] = creation;
            }
        }

        // The creation itself is not cancelled by one waiter giving up; the others may still want it.
        return await creation.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<object> RunFactoryAsync(ResourceFactory factory)
    {
        await Task.Yield(); // Leave the caller's lock before running user code.
        try
        {
            var value = await factory.CreateAsync(this, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _generating!.Remove(factory.Key);
                if (_state == ContextState.Closed)
                {
                    // Finished after the context closed: nobody would ever dispose it.
                    DisposeRejected(value);
                    ThrowIfClosed("create a resource from its factory");
                }

                PublishGeneratedLocked(factory, value);
            }

            return value;
        }
        catch
        {
            // A failed creation is not cached: the next request tries again.
            lock (_gate)
            {
                _generating!.Remove(factory.Key);
            }

            throw;
        }
    }

    private bool TryFindLocal(ResourceKey key, [NotNullWhen(true)] out object? value)
    {
        if (_resources is { } resources && resources.TryGetValue(key.Type, out var entries))
        {
            foreach (var entry in entries)
            {
                if (entry.Name == key.Name)
                {
                    value = entry.Value;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    private void Publish(Type[] types, object value, string name, bool owned)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), $"A resource must not be null (publishing {TypeNames.Display(types[0])} '{name}').");
        }

        ResourceNames.Validate(name, nameof(name));
        var publisher = Publisher.Current;
        List<ResourceWaiter>? woken;
        lock (_gate)
        {
            if (_state != ContextState.Open && owned)
            {
                // Too late (for example a component that ignored an abandoned start-up): the context
                // will never tear this value down, so it is disposed here rather than leaked.
                DisposeRejected(value);
            }

            ThrowIfNotOpen("publish a resource");
            types = WithoutOverridden(types, name, publisher);
            if (types.Length == 0)
            {
                if (owned)
                {
                    AddDisposal(value, $"disposal of resource {TypeNames.Display(value.GetType())} '{name}' (overridden)");
                }

                return;
            }

            PublishLocked(types, value, name, owned, publisher, out woken);
        }

        AfterPublish(types, name, isFactory: false, publisher, woken);
    }

    // A factory's value lives next to the factory (when requested where it was registered), so no conflict check.
    private void PublishGeneratedLocked(ResourceFactory factory, object value)
    {
        var entry = new ResourceEntry(factory.Key.Name, value, factory.Publisher.AsFactory, generated: true);
        var resources = _resources ??= new();
        resources[factory.Key.Type] = resources.TryGetValue(factory.Key.Type, out var entries) ? [.. entries, entry] : [entry];
        if (factory.Owned)
        {
            AddDisposal(value, $"disposal of resource {factory.Key}");
        }
    }

    private void PublishLocked(Type[] types, object value, string name, bool owned, Publisher publisher, out List<ResourceWaiter>? woken)
    {
        // One to three types: drop repeats without LINQ (this runs for every resource at start-up).
        if (types.Length > 1 && (types[0] == types[1] || (types.Length > 2 && (types[2] == types[0] || types[2] == types[1]))))
        {
            var distinct = new List<Type>(types.Length);
            foreach (var type in types)
            {
                if (!distinct.Contains(type))
                {
                    distinct.Add(type);
                }
            }

            types = [.. distinct];
        }
        foreach (var type in types)
        {
            ThrowIfTaken(new ResourceKey(type, name), publisher);
        }

        var entry = new ResourceEntry(name, value, publisher);
        var resources = _resources ??= new();
        foreach (var type in types)
        {
            resources[type] = resources.TryGetValue(type, out var entries) ? [.. entries, entry] : [entry];
        }

        if (owned)
        {
            AddDisposal(value, $"disposal of resource {new ResourceKey(types[0], name)}");
        }

        woken = TakeWaiters(types, name);
    }

    private void RegisterFactory(ResourceFactory factory)
    {
        ResourceNames.Validate(factory.Key.Name, "name");
        List<ResourceWaiter>? woken;
        lock (_gate)
        {
            ThrowIfNotOpen("add a resource factory");
            if (_overrides is not null && WithoutOverridden([factory.Key.Type], factory.Key.Name, factory.Publisher.AsFactory).Length == 0)
            {
                return;
            }

            ThrowIfTaken(factory.Key, factory.Publisher);
            _factories = new Dictionary<ResourceKey, ResourceFactory>(_factories ?? []) { [factory.Key] = factory };
            woken = TakeWaiters([factory.Key.Type], factory.Key.Name);
        }

        AfterPublish([factory.Key.Type], factory.Key.Name, isFactory: true, factory.Publisher, woken);
    }

    private void ThrowIfTaken(ResourceKey key, Publisher publisher)
    {
        if (TryFindLocalEntry(key, out var existing))
        {
            throw new ResourceConflictException(key, existing.Publisher.ToString(), publisher.ToString());
        }

        if (_factories?.TryGetValue(key, out var factory) == true)
        {
            throw new ResourceConflictException(key, factory.Publisher.AsFactory.ToString(), publisher.ToString());
        }
    }

    private bool TryFindLocalEntry(ResourceKey key, [NotNullWhen(true)] out ResourceEntry? found)
    {
        found = _resources is { } resources && resources.TryGetValue(key.Type, out var entries) ? Array.Find(entries, e => e.Name == key.Name) : null;
        return found is not null;
    }

    private void AfterPublish(Type[] types, string name, bool isFactory, Publisher publisher, List<ResourceWaiter>? woken)
    {
        if (woken is not null)
        {
            foreach (var waiter in woken)
            {
                waiter.Wake();
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.ResourceAdded(_logger, publisher.ToString(), isFactory ? "a resource factory" : "a resource", TypeNames.Display(types[0]), name);
        }

        if (_resourceAdded is { HasListeners: true } signal)
        {
            _ = signal.DispatchAsync(new ResourceEvent(this, types, name, isFactory, publisher.ToString()));
        }
    }

    private void RegisterWaiter(ResourceWaiter waiter)
    {
        for (var context = this; context is not null; context = context.Parent)
        {
            lock (context._gate)
            {
                if (context._state == ContextState.Closed)
                {
                    waiter.Fail(new InvalidOperationException($"The context closed while waiting for resource {waiter.Key}."));
                    continue;
                }

                context._waiters ??= [];
                if (!context._waiters.TryGetValue(waiter.Key, out var list))
                {
                    context._waiters[waiter.Key] = list = [];
                }

                list.Add(waiter);
            }
        }
    }

    private void UnregisterWaiter(ResourceWaiter waiter)
    {
        for (var context = this; context is not null; context = context.Parent)
        {
            lock (context._gate)
            {
                if (context._waiters?.TryGetValue(waiter.Key, out var list) == true)
                {
                    list.Remove(waiter);
                    if (list.Count == 0)
                    {
                        context._waiters.Remove(waiter.Key);
                    }
                }
            }
        }
    }

    private List<ResourceWaiter>? TakeWaiters(Type[] types, string name)
    {
        if (_waiters is null)
        {
            return null;
        }

        List<ResourceWaiter>? woken = null;
        foreach (var type in types)
        {
            if (_waiters.Remove(new ResourceKey(type, name), out var list))
            {
                (woken ??= []).AddRange(list);
            }
        }

        return woken;
    }

    // While closing, factories still work (teardown may need them) and their values join the teardown.
    private void ThrowIfClosed(string action)
    {
        if (_state == ContextState.Closed)
        {
            throw new InvalidOperationException($"Cannot {action}: the context is closed.");
        }
    }

    private static void DisposeRejected(object value)
    {
        switch (value)
        {
            case IDisposable disposable:
                disposable.Dispose();
                break;
            case IAsyncDisposable asyncDisposable:
                _ = asyncDisposable.DisposeAsync().AsTask().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                break;
        }
    }

    private ResourceNotFoundException NotFound(ResourceKey key) => new(key, GetResourceNames(key.Type));
}

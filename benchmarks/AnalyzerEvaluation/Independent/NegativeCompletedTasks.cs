// Negative cases (nothing here should be reported): task results read when the task is known to
// be complete — after await, after await Task.WhenAll / Task.WhenAny, under IsCompleted and
// IsCompletedSuccessfully guards (block, ternary and early-return forms), inside ContinueWith on
// the antecedent, Task.FromResult(...).Result — and SemaphoreSlim.Wait(0) try-acquire.
namespace Eval.Independent.Completed;

public sealed record CustomerProfile(string Id, string Name);

public sealed record OrderSummary(int Count, decimal Total);

public sealed record Dashboard(CustomerProfile Profile, OrderSummary Orders);

public interface ICustomerApi
{
    Task<CustomerProfile> GetProfileAsync(string id);

    Task<OrderSummary> GetOrdersAsync(string id);

    Task<string> GetFromPrimaryAsync(string key);

    Task<string> GetFromReplicaAsync(string key);
}

public interface IValueCache
{
    ValueTask<string?> GetAsync(string key);
}

public sealed class DashboardService
{
    private readonly ICustomerApi _api;
    private readonly IValueCache _cache;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private Task<CustomerProfile>? _warmup;

    public DashboardService(ICustomerApi api, IValueCache cache)
    {
        _api = api;
        _cache = cache;
    }

    public async Task<Dashboard> BuildAsync(string customerId)
    {
        var profileTask = _api.GetProfileAsync(customerId);
        var ordersTask = _api.GetOrdersAsync(customerId);
        await Task.WhenAll(profileTask, ordersTask);
        var profile = profileTask.Result;
        var orders = ordersTask.Result;
        return new Dashboard(profile, orders);
    }

    public async Task<bool> ReplicasAgreeAsync(string key)
    {
        var primary = _api.GetFromPrimaryAsync(key);
        var replica = _api.GetFromReplicaAsync(key);
        await Task.WhenAll(primary, replica);
        return string.Equals(primary.Result, replica.Result, StringComparison.Ordinal);
    }

    public async Task<string> GetNameAsync(string customerId)
    {
        var profileTask = _api.GetProfileAsync(customerId);
        await profileTask;
        return profileTask.Result.Name;
    }

    public async Task<string> GetFastestAsync(string key)
    {
        var winner = await Task.WhenAny(_api.GetFromPrimaryAsync(key), _api.GetFromReplicaAsync(key));
        return winner.Result;
    }

    public Task<CustomerProfile> WarmupAsync(string customerId)
    {
        var warmup = _warmup ??= _api.GetProfileAsync(customerId);
        if (warmup.IsCompleted)
        {
            return Task.FromResult(warmup.Result);
        }

        return warmup;
    }

    public async ValueTask<string> GetCachedAsync(string key)
    {
        var pending = _cache.GetAsync(key);
        if (pending.IsCompletedSuccessfully)
        {
            return pending.Result ?? string.Empty;
        }

        return await pending ?? string.Empty;
    }

    public async Task<int> GetCachedLengthAsync(string key)
    {
        var pending = _cache.GetAsync(key);
        var value = pending.IsCompletedSuccessfully ? pending.Result : await pending;
        return value?.Length ?? 0;
    }

    public Task<string> GetNameFastPathAsync(string customerId)
    {
        var profileTask = _api.GetProfileAsync(customerId);
        if (!profileTask.IsCompleted) return AwaitNameAsync(profileTask);
        return Task.FromResult(profileTask.Result.Name);

        static async Task<string> AwaitNameAsync(Task<CustomerProfile> task) => (await task).Name;
    }

    public Task<int> CountOrdersAsync(string customerId)
    {
        var ordersTask = _api.GetOrdersAsync(customerId);
        if (ordersTask.IsCompletedSuccessfully)
        {
            return Task.FromResult(ordersTask.GetAwaiter().GetResult().Count);
        }

        return ordersTask.ContinueWith(done => done.Result.Count, TaskScheduler.Default);
    }

    public Task<string> DescribeAsync(string customerId) =>
        _api.GetProfileAsync(customerId).ContinueWith(
            antecedent => $"{antecedent.Result.Id}: {antecedent.Result.Name}",
            TaskContinuationOptions.OnlyOnRanToCompletion);

    public async Task<CustomerProfile> GetGuestAsync()
    {
        await Task.Yield();
        var guest = Task.FromResult(new CustomerProfile("guest", "Guest")).Result;
        return guest;
    }

    public async Task RefreshAsync(string customerId)
    {
        if (!_refreshGate.Wait(0))
        {
            return;
        }

        try
        {
            _warmup = Task.FromResult(await _api.GetProfileAsync(customerId));
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public async Task<bool> TryRefreshOrdersAsync(string customerId, CancellationToken ct)
    {
        var acquired = _refreshGate.Wait(0, ct);
        if (!acquired)
        {
            return false;
        }

        try
        {
            await _api.GetOrdersAsync(customerId);
            return true;
        }
        finally
        {
            _refreshGate.Release();
        }
    }
}

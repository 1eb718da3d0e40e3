// Direct blocking calls in async paths of a data-access layer: synchronous ADO.NET calls and
// sync-over-async waits on tasks and value tasks inside a repository, a query cache and an
// order service (object initializers, interpolation, ?. access, generic and expression-bodied members).
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;

namespace Eval.Independent.DataAccess;

public sealed record Order(int Id, string Customer, decimal Total);

public sealed class Quote
{
    public string Customer { get; init; } = "";
    public decimal BasePrice { get; init; }
    public decimal Discount { get; set; }
    public List<string> Notes { get; } = new();
}

public interface IPricingClient
{
    Task<decimal> GetPriceAsync(string sku, CancellationToken ct = default);
    ValueTask<decimal> GetDiscountAsync(string customer);
    Task ReserveAsync(string sku, int quantity);
}

public interface IOrderStore
{
    Task<int> CountOrdersAsync(string customer, CancellationToken ct);
}

public sealed class OrderRepository
{
    private readonly DbConnection _connection;

    public OrderRepository(DbConnection connection) => _connection = connection;

    public async Task<int> CountOrdersAsync(string customer, CancellationToken ct)
    {
        if (_connection.State != ConnectionState.Open)
        {
            _connection.Open(); // expect
        }

        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM orders WHERE customer = @customer";
        AddParameter(command, "@customer", customer);
        var scalar = command.ExecuteScalar(); // expect
        return Convert.ToInt32(scalar);
    }

    public async Task<List<Order>> GetRecentAsync(int take, CancellationToken ct)
    {
        await _connection.OpenAsync(ct);
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, customer, total FROM orders ORDER BY id DESC LIMIT @take";
        AddParameter(command, "@take", take);

        var orders = new List<Order>();
        await using (var reader = command.ExecuteReader()) // expect
        {
            while (reader.Read()) // expect
            {
                orders.Add(new Order(reader.GetInt32(0), reader.GetString(1), reader.GetDecimal(2)));
            }
        }

        return orders;
    }

    public Task DeleteAsync(int id)
    {
        var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM orders WHERE id = @id";
        AddParameter(command, "@id", id);
        command.ExecuteNonQuery(); // expect
        return Task.CompletedTask;
    }

    public ValueTask<int> PurgeArchivedAsync() => new(CreateCommand("DELETE FROM orders WHERE archived = 1").ExecuteNonQuery()); // expect

    private DbCommand CreateCommand(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

public sealed class OrderService
{
    private readonly IPricingClient _pricing;
    private readonly IOrderStore _orders;
    private Task? _pendingSync;

    public OrderService(IPricingClient pricing, IOrderStore orders)
    {
        _pricing = pricing;
        _orders = orders;
    }

    public async Task<Quote> QuoteAsync(string customer, IReadOnlyList<string> skus, CancellationToken ct)
    {
        var orderCount = await _orders.CountOrdersAsync(customer, ct);
        var quote = new Quote { Customer = customer, BasePrice = _pricing.GetPriceAsync(skus[0], ct).Result }; // expect
        quote.Discount = orderCount > 10 ? await _pricing.GetDiscountAsync(customer) : 0m;
        quote.Notes.Add($"Second item priced at {_pricing.GetPriceAsync(skus[1], ct).GetAwaiter().GetResult():C}"); // expect
        return quote;
    }

    public async Task<int> ReserveAllAsync(IReadOnlyCollection<string> skus, CancellationToken ct)
    {
        var reservations = skus.Select(sku => _pricing.ReserveAsync(sku, 1)).ToArray();
        Task.WaitAll(reservations); // expect
        return await _orders.CountOrdersAsync("reservations", ct);
    }

    public Task<decimal> GetDiscountForAsync(string customer)
    {
        var discount = _pricing.GetDiscountAsync(customer).Result; // expect
        return Task.FromResult(Math.Min(discount, 0.25m));
    }

    public async Task FlushAsync()
    {
        _pendingSync?.Wait(); // expect
        _pendingSync = null;
        await Task.Yield();
    }

    public async Task<decimal> FastestPriceAsync(string sku, CancellationToken ct)
    {
        var mirrors = new[] { _pricing.GetPriceAsync(sku, ct), _pricing.GetPriceAsync(sku.ToUpperInvariant(), ct) };
        var index = Task.WaitAny(mirrors, ct); // expect
        return await mirrors[index];
    }
}

public sealed class QueryCache
{
    private readonly ConcurrentDictionary<string, Task<object?>> _entries = new();

    public async Task<T?> GetOrLoadAsync<T>(string key, Func<Task<T>> loader)
    {
        if (_entries.TryGetValue(key, out var existing))
        {
            return (T?)existing.Result; // expect
        }

        var value = await loader();
        _entries[key] = Task.FromResult<object?>(value);
        return value;
    }

    public async ValueTask<T> RefreshAsync<T>(string key, Func<ValueTask<T>> loader)
    {
        var value = loader().AsTask().ConfigureAwait(false).GetAwaiter().GetResult(); // expect
        _entries[key] = Task.FromResult<object?>(value);
        await Task.Yield();
        return value;
    }
}

// Blocking reached through callbacks run in place from async code: LINQ operators enumerated
// immediately, List<T>.ForEach, a sync local function, and the same helper called from several
// lines of one async method (reported once per blocking leaf, at the first call site).
using System.Data.Common;
using System.Text.Json;

namespace Eval.Independent.Batch;

public sealed record Invoice(string Number, string Customer, decimal Amount);

public sealed class LedgerLookup
{
    private readonly DbConnection _connection;

    public LedgerLookup(DbConnection connection) => _connection = connection;

    public bool Exists(string invoiceNumber)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ledger WHERE number = @number";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@number";
        parameter.Value = invoiceNumber;
        command.Parameters.Add(parameter);
        return Convert.ToInt32(command.ExecuteScalar()) > 0;
    }
}

public sealed class InvoiceBatchProcessor
{
    private readonly string _inbox;
    private readonly string _archive;
    private readonly LedgerLookup _ledger;

    public InvoiceBatchProcessor(string inbox, string archive, LedgerLookup ledger)
    {
        _inbox = inbox;
        _archive = archive;
        _ledger = ledger;
    }

    public async Task<int> ImportAsync(IEnumerable<string> files, CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        var invoices = files.Select(file => ParseInvoice(file)).ToList(); // expect
        var fresh = invoices.Where(invoice => !_ledger.Exists(invoice.Number)).ToList(); // expect
        fresh.ForEach(invoice => Archive(invoice)); // expect
        return fresh.Count;
    }

    public async Task<decimal> CompareAsync(string currentFile, string previousFile)
    {
        var current = ParseInvoice(currentFile); // expect
        // Not marked: the specification reports each blocking leaf once per async entry (ASPH1002),
        // and this reaches the same File.ReadAllText as the line above. Marked in the first scoring.
        var previous = ParseInvoice(previousFile);
        await Task.Yield();
        return current.Amount - previous.Amount;
    }

    public async Task<int> ReconcileAsync(IReadOnlyList<Invoice> invoices, CancellationToken ct)
    {
        var mismatches = 0;
        foreach (var invoice in invoices)
        {
            var stored = LoadStored(invoice.Number); // expect
            if (stored is null || stored.Amount != invoice.Amount)
            {
                mismatches++;
            }

            await Task.Delay(1, ct);
        }

        return mismatches;

        Invoice? LoadStored(string number) => JsonSerializer.Deserialize<Invoice>(File.ReadAllText(Path.Combine(_archive, number + ".json")));
    }

    public async Task<bool> AnyLargeAsync(IEnumerable<string> files)
    {
        await Task.Yield();
        return files.Any(file => ParseInvoice(file).Amount > 10_000m); // expect
    }

    private Invoice ParseInvoice(string file)
    {
        var json = File.ReadAllText(Path.Combine(_inbox, file));
        return JsonSerializer.Deserialize<Invoice>(json) ?? throw new InvalidDataException(file);
    }

    private void Archive(Invoice invoice) => File.WriteAllText(Path.Combine(_archive, invoice.Number + ".json"), JsonSerializer.Serialize(invoice));
}

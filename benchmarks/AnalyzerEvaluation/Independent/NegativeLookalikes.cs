// Negative cases (nothing here should be reported): lookalikes of blocking APIs inside async code
// that do not block — own types with Wait() and Result members, string.Join, file-system metadata
// checks, in-memory streams/readers/writers, Console output, CPU-only APIs that have Async
// siblings (Cancel, JSON serialize/parse), nameof, and a sync method used by its own async wrapper.
using System.Text;
using System.Text.Json;

namespace Eval.Independent.Lookalikes;

public sealed class Checkpoint
{
    private int _hits;

    public int Hits => _hits;

    // Records that a caller reached the checkpoint; never blocks.
    public void Wait() => Interlocked.Increment(ref _hits);
}

public sealed class CommandOutcome<T>
{
    public CommandOutcome(bool success, T? result)
    {
        Success = success;
        Result = result;
    }

    public bool Success { get; }

    public T? Result { get; }
}

public sealed record ExportRow(string Name, int Quantity);

public sealed class ExportHandler
{
    private readonly Checkpoint _checkpoint = new();
    private readonly string _root;

    public ExportHandler(string root) => _root = root;

    public async Task<CommandOutcome<string>> HandleAsync(IReadOnlyList<ExportRow> rows, CancellationToken ct)
    {
        _checkpoint.Wait();
        var directory = Path.Combine(_root, "exports");
        if (!Directory.Exists(directory))
        {
            Console.WriteLine($"Export directory {directory} is missing; keeping the export in memory.");
        }

        var json = JsonSerializer.Serialize(rows);
        var buffer = new MemoryStream();
        var bytes = Encoding.UTF8.GetBytes(json);
        buffer.Write(bytes, 0, bytes.Length);
        buffer.Position = 0;
        var copy = new byte[bytes.Length];
        var read = buffer.Read(copy, 0, copy.Length);
        await Task.Delay(1, ct);

        Console.WriteLine($"Exported {rows.Count} rows: {string.Join(", ", rows.Select(r => r.Name))}");
        return new CommandOutcome<string>(read == bytes.Length, json);
    }

    public async Task<int> ExportAndMeasureAsync(IReadOnlyList<ExportRow> rows)
    {
        var outcome = await HandleAsync(rows, CancellationToken.None);
        return outcome.Success ? outcome.Result!.Length : 0;
    }

    public async Task<string?> ReadIfPresentAsync(string name)
    {
        var path = Path.Join(_root, name);
        if (!File.Exists(path))
        {
            return null;
        }

        return await File.ReadAllTextAsync(path);
    }
}

public sealed class CsvImporter
{
    public async Task<List<ExportRow>> ParseAsync(string csv, CancellationToken ct)
    {
        var rows = new List<ExportRow>();
        using var reader = new StringReader(csv);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var parts = line.Split(',');
            if (parts.Length == 2 && int.TryParse(parts[1], out var quantity))
            {
                rows.Add(new ExportRow(parts[0], quantity));
            }
        }

        await Task.Delay(0, ct);
        return rows;
    }

    public async Task<string> FormatAsync(IEnumerable<ExportRow> rows)
    {
        var writer = new StringWriter();
        foreach (var row in rows)
        {
            writer.WriteLine($"{row.Name},{row.Quantity}");
        }

        await Task.Yield();
        return writer.ToString();
    }

    public async Task<string> NormalizeAsync(string text)
    {
        await Task.Yield();
        using var reader = new StringReader(text);
        return reader.ReadToEnd().Trim();
    }
}

public sealed class SearchCoordinator
{
    private readonly HttpClient _http;
    private CancellationTokenSource _current = new();

    public SearchCoordinator(HttpClient http) => _http = http;

    public async Task<JsonElement> SearchAsync(string query)
    {
        _current.Cancel();
        _current = new CancellationTokenSource();
        var json = await _http.GetStringAsync($"https://search.example.com/?q={Uri.EscapeDataString(query)}", _current.Token);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public async Task<T?> ReadPayloadAsync<T>(string payload)
    {
        await Task.Yield();
        return JsonSerializer.Deserialize<T>(payload);
    }

    public async Task<int> AwaitCountAsync(Task<int> pending)
    {
        if (pending.IsFaulted)
        {
            throw new InvalidOperationException($"Cannot read {nameof(pending.Result)} of a faulted search.");
        }

        Console.WriteLine($"Awaiting instead of calling {nameof(Task.WaitAll)}.");
        return await pending;
    }
}

public sealed class RelevanceScorer
{
    public double Score(string query, string document)
    {
        var terms = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hits = terms.Count(term => document.Contains(term, StringComparison.OrdinalIgnoreCase));
        return terms.Length == 0 ? 0 : (double)hits / terms.Length;
    }

    public Task<double> ScoreAsync(string query, string document) => Task.FromResult(Score(query, document));

    public async Task<double[]> RankAsync(string query, IReadOnlyList<string> documents)
    {
        await Task.Yield();
        var scores = new double[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            scores[i] = Score(query, documents[i]);
        }

        return scores;
    }
}

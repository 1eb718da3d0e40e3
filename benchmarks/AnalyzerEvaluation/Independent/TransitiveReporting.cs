// Blocking reached through interface dispatch with a single implementation, an abstract method
// with one override, a virtual method whose base and override both block, a recursive helper,
// a Monitor-based queue and a private helper that waits on a task. Only async call sites are marked.
using System.Text;

namespace Eval.Independent.Reporting;

public sealed record ReportData(string Id, string Title, IReadOnlyList<string> Lines);

public sealed class ReportSection
{
    public string Title { get; init; } = "";
    public string? AttachmentPath { get; init; }
    public List<ReportSection> Children { get; } = new();
}

public interface IReportArchive
{
    byte[] Load(string id);

    void Store(string id, byte[] content);
}

public sealed class DiskReportArchive : IReportArchive
{
    private readonly string _root;

    public DiskReportArchive(string root) => _root = root;

    public byte[] Load(string id) => File.ReadAllBytes(PathFor(id));

    public void Store(string id, byte[] content) => File.WriteAllBytes(PathFor(id), content);

    private string PathFor(string id) => Path.Combine(_root, id + ".html");
}

public abstract class ReportRenderer
{
    public abstract string Render(ReportData data);
}

public sealed class TemplateRenderer : ReportRenderer
{
    private readonly string _templatePath;

    public TemplateRenderer(string templatePath) => _templatePath = templatePath;

    public override string Render(ReportData data)
    {
        var template = File.ReadAllText(_templatePath);
        return template.Replace("{{title}}", data.Title).Replace("{{body}}", string.Join('\n', data.Lines));
    }
}

public class ReportNotifier
{
    public virtual void Notify(string recipient, string reportId)
    {
        Thread.Sleep(100); // crude rate limit for the mail relay
        Console.WriteLine($"Report {reportId} sent to {recipient}");
    }
}

public sealed class AuditedReportNotifier : ReportNotifier
{
    private readonly string _auditPath;

    public AuditedReportNotifier(string auditPath) => _auditPath = auditPath;

    public override void Notify(string recipient, string reportId)
    {
        base.Notify(recipient, reportId);
        File.AppendAllText(_auditPath, $"{DateTime.UtcNow:O} {recipient} {reportId}{Environment.NewLine}");
    }
}

public sealed class RenderQueue
{
    private readonly object _sync = new();
    private readonly Queue<ReportData> _items = new();

    public void Add(ReportData item)
    {
        lock (_sync)
        {
            _items.Enqueue(item);
            Monitor.Pulse(_sync);
        }
    }

    public ReportData Dequeue()
    {
        lock (_sync)
        {
            while (_items.Count == 0)
            {
                Monitor.Wait(_sync);
            }

            return _items.Dequeue();
        }
    }
}

public static class SectionSizer
{
    public static long TotalBytes(ReportSection section)
    {
        long total = section.AttachmentPath is null ? 0 : File.ReadAllBytes(section.AttachmentPath).LongLength;
        foreach (var child in section.Children)
        {
            total += TotalBytes(child);
        }

        return total;
    }
}

public sealed class ReportService
{
    private readonly IReportArchive _archive;
    private readonly ReportRenderer _renderer;
    private readonly ReportNotifier _notifier;
    private readonly RenderQueue _queue;
    private readonly HttpClient _http;

    public ReportService(IReportArchive archive, ReportRenderer renderer, ReportNotifier notifier, RenderQueue queue, HttpClient http)
    {
        _archive = archive;
        _renderer = renderer;
        _notifier = notifier;
        _queue = queue;
        _http = http;
    }

    public async Task<byte[]> GetAsync(string id)
    {
        await Task.Yield();
        return _archive.Load(id); // expect
    }

    public async Task<string> PublishAsync(string id, string recipient)
    {
        var data = LoadData(id); // expect
        var html = _renderer.Render(data); // expect
        await Task.Delay(1);
        _archive.Store(id, Encoding.UTF8.GetBytes(html)); // expect
        _notifier.Notify(recipient, id); // expect
        return html;
    }

    public async Task DrainAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var next = _queue.Dequeue(); // expect
            using var response = await _http.PostAsync($"https://reports.example.com/{next.Id}/render", null, ct);
            response.EnsureSuccessStatusCode();
        }
    }

    public Task<long> MeasureAsync(ReportSection root) => Task.FromResult(SectionSizer.TotalBytes(root)); // expect

    private ReportData LoadData(string id) => ParseReport(id, FetchRawAsync(id).Result);

    private static ReportData ParseReport(string id, string raw)
    {
        var lines = raw.Split('\n');
        return new ReportData(id, lines[0], lines);
    }

    private async Task<string> FetchRawAsync(string id) => await _http.GetStringAsync($"https://reports.example.com/{id}");
}

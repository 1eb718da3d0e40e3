#!/usr/bin/env python3
"""Generates a large synthetic codebase for analyzer timing: services with async entry points,
sync helper chains across classes (some ending in blocking calls), interfaces with
implementations, LINQ and lambdas. Usage: generate.py OUTDIR N (N classes, ~45 lines each)."""
import os
import random
import sys

out, n = sys.argv[1], int(sys.argv[2])
random.seed(42)
os.makedirs(out, exist_ok=True)
for f in os.listdir(out):
    os.remove(os.path.join(out, f))

LEAVES = [
    'File.ReadAllText(path)',
    'Thread.Sleep(1).ToString()',
    'pending.Result.ToString()',
    'path.Length.ToString()',
    'path.ToUpperInvariant()',
    'string.Concat(path, "x")',
]

per_file = 50
for start in range(0, n, per_file):
    lines = ["namespace Synthetic;", ""]
    for i in range(start, min(start + per_file, n)):
        nxt = (i * 7 + 3) % n
        leaf = random.choice(LEAVES)
        lines += [
            f"public interface IStore{i} {{ string Load(string path); }}",
            f"public sealed class Store{i} : IStore{i}",
            "{",
            f"    private readonly Task<int> pending = Task.FromResult({i});",
            f"    public string Load(string path) => {leaf};",
            "}",
            f"public sealed class Service{i}(IStore{i} store)",
            "{",
            "    private readonly Dictionary<string, int> _cache = new();",
            f"    public async Task<int> HandleAsync(string path, CancellationToken ct)",
            "    {",
            "        await Task.Delay(1, ct);",
            "        var text = Helper(path);",
            "        var items = text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();",
            "        foreach (var item in items) { _cache[item] = item.Length; }",
            f"        var other = new Service{nxt}(new Store{nxt}());",
            "        var count = await other.CountAsync(items, ct);",
            "        return count + Compute(items.Count);",
            "    }",
            "    public async Task<int> CountAsync(List<string> items, CancellationToken ct)",
            "    {",
            "        var tasks = items.Select(i => Task.FromResult(i.Length)).ToArray();",
            "        await Task.WhenAll(tasks);",
            "        return tasks.Sum(t => t.Result);",
            "    }",
            "    public string Helper(string path) => Normalize(store.Load(path));",
            "    private static string Normalize(string s) => s.Replace(\"\\r\", string.Empty).Trim();",
            "    private static int Compute(int x)",
            "    {",
            "        var total = 0;",
            "        for (var k = 0; k < x; k++) { total += k % 3 == 0 ? k : -k; }",
            "        return total;",
            "    }",
            "    public int SyncWork(string path)",
            "    {",
            f"        var s = new Service{nxt}(new Store{nxt}());",
            "        return s.Helper(path).Length + Compute(3);",
            "    }",
            "}",
            "",
        ]
    with open(os.path.join(out, f"File{start // per_file:04}.cs"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
print(f"generated {n} services in {out}")

namespace Asphalt.Runtime.Tests;

/// <summary>
/// The design forbids reflection in the Runtime and the component packages (NativeAOT). The trimming
/// analyzers catch what breaks trimming; this catches the rest in the sources themselves. Build output
/// (obj/, bin/: the SDK's own AssemblyInfo uses System.Reflection attributes) is not source.
/// </summary>
public sealed class NoReflectionTests
{
    // Member lookup, attribute reading, late binding and loading. Not Type.GetGenericArguments (type names
    // in messages use it): it reads what the type already is and needs nothing kept by the trimmer.
    private static readonly string[] Forbidden =
    [
        "System.Reflection", "Activator.", "dynamic ", "Type.GetType(", "MakeGenericType", "MakeGenericMethod",
        ".GetMethod(", ".GetMethods(", ".GetProperty(", ".GetProperties(", ".GetField(", ".GetFields(",
        ".GetConstructor(", ".GetConstructors(", ".GetMember(", ".GetMembers(", ".GetInterfaces(", ".GetCustomAttribute",
        ".InvokeMember(", "Assembly.Load",
    ];

    [Fact]
    public void The_Runtime_and_the_packages_use_no_reflection()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var projects = Directory.GetDirectories(src, "Asphalt.*")
            .Where(d => !d.EndsWith("Generators", StringComparison.Ordinal) && !d.EndsWith("Analyzers", StringComparison.Ordinal)) // Roslyn projects run in the compiler.
            .Append(Path.Combine(src, "Shared"));
        var sources = projects
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);

        var hits = sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => Forbidden.Any(word => l.Text.Contains(word, StringComparison.Ordinal)))
            .Select(l => $"{Path.GetRelativePath(src, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Empty(hits);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Asphalt.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Asphalt.sln not found above the test's folder.");
    }
}

using System.Runtime.CompilerServices;
using Asphalt.Generators.Common;

namespace Asphalt.Generators.Tests.Harness;

/// <summary>
/// Compares generated files with checked-in expected files under <c>Snapshots/&lt;name&gt;/</c>.
/// Set <c>ASPHALT_UPDATE_SNAPSHOTS=1</c> to rewrite them (and delete stale ones); refused on CI.
/// </summary>
internal static class Snapshot
{
    private const string VersionPlaceholder = "%VERSION%";

    public static void Verify(string name, IEnumerable<(string HintName, string Text)> files, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(FindTestRoot(callerPath), "Snapshots", name);
        var actual = files.ToDictionary(f => f.HintName + ".txt", f => Normalize(f.Text), StringComparer.Ordinal);
        if (Environment.GetEnvironmentVariable("ASPHALT_UPDATE_SNAPSHOTS") == "1")
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "Snapshots cannot be updated on CI.");
            Directory.CreateDirectory(folder);
            foreach (var stale in Directory.GetFiles(folder).Where(f => !actual.ContainsKey(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }

            foreach (var (file, text) in actual)
            {
                File.WriteAllText(Path.Combine(folder, file), text);
            }

            return;
        }

        var expectedFiles = Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : [];
        Assert.True(
            expectedFiles.SequenceEqual(actual.Keys.OrderBy(f => f, StringComparer.Ordinal)),
            $"Generated files differ from Snapshots/{name}: expected [{string.Join(", ", expectedFiles)}], got [{string.Join(", ", actual.Keys.Order())}]. Set ASPHALT_UPDATE_SNAPSHOTS=1 to accept.");
        foreach (var (file, text) in actual)
        {
            var expected = Normalize(File.ReadAllText(Path.Combine(folder, file))).Split('\n');
            var lines = text.Split('\n');
            for (var i = 0; i < Math.Max(expected.Length, lines.Length); i++)
            {
                var want = i < expected.Length ? expected[i] : "<end of file>";
                var got = i < lines.Length ? lines[i] : "<end of file>";
                Assert.True(want == got,
                    $"Snapshots/{name}/{file} differs at line {i + 1}:\n  expected: {want}\n  actual:   {got}\nSet ASPHALT_UPDATE_SNAPSHOTS=1 to accept the new output.");
            }
        }
    }

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n").Replace("\"" + GeneratorInfo.Version + "\"", "\"" + VersionPlaceholder + "\"");

    private static string FindTestRoot(string callerPath)
    {
        for (var directory = Path.GetDirectoryName(callerPath); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Asphalt.Generators.Tests.csproj")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("Cannot find the test project folder from " + callerPath);
    }
}

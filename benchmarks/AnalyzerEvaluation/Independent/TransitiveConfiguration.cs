// Blocking reached from async code through sync members: property getters and setters, a
// constructor, extension methods on Stream, a Func field invoked directly, and a four-level
// helper chain across classes. Findings belong at the call site in the async body, not at the leaf.
using System.Text.Json;

namespace Eval.Independent.Configuration;

public sealed class AppSettings
{
    public string Environment { get; set; } = "Production";
    public int Port { get; set; } = 8080;
}

public sealed class SettingsFile
{
    private readonly string _path;

    public SettingsFile(string path) => _path = path;

    public AppSettings Current
    {
        get => JsonSerializer.Deserialize<AppSettings>(File.ReadAllText(_path)) ?? new AppSettings();
        set => File.WriteAllText(_path, JsonSerializer.Serialize(value));
    }
}

public sealed class SettingsSnapshot
{
    public SettingsSnapshot(string path)
    {
        Raw = File.ReadAllText(path);
        TakenAt = DateTimeOffset.UtcNow;
    }

    public string Raw { get; }

    public DateTimeOffset TakenAt { get; }
}

public static class UploadStreamExtensions
{
    public static string ReadRemainingText(this Stream stream)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        return reader.ReadToEnd();
    }

    public static byte[] ReadMagic(this Stream stream, int length)
    {
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        return buffer;
    }
}

public sealed class FeatureFlags
{
    private readonly FlagStore _store;

    public FeatureFlags(FlagStore store) => _store = store;

    public bool IsEnabled(string flag) => string.Equals(_store.Lookup(flag), "on", StringComparison.OrdinalIgnoreCase);
}

public sealed class FlagStore
{
    private readonly string _path;

    public FlagStore(string path) => _path = path;

    public string? Lookup(string flag) => ParseFlags().GetValueOrDefault(flag);

    private Dictionary<string, string> ParseFlags()
    {
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in ReadFlagLines())
        {
            var parts = line.Split('=', 2);
            if (parts.Length == 2)
            {
                flags[parts[0].Trim()] = parts[1].Trim();
            }
        }

        return flags;
    }

    private string[] ReadFlagLines() => File.ReadAllLines(_path);
}

public sealed class ConfigurationService
{
    private readonly SettingsFile _file;
    private readonly FeatureFlags _flags;
    private readonly Func<string, string> _readOverride = path => File.ReadAllText(path);

    public ConfigurationService(SettingsFile file, FeatureFlags flags)
    {
        _file = file;
        _flags = flags;
    }

    public async Task<int> GetPortAsync()
    {
        await Task.Yield();
        var settings = _file.Current; // expect
        return settings.Port;
    }

    public async Task SwitchEnvironmentAsync(string environment)
    {
        var settings = _file.Current; // expect
        if (settings.Environment == environment)
        {
            return;
        }

        settings.Environment = environment;
        await Task.Delay(10);
        _file.Current = settings; // expect
    }

    public async Task<string> CaptureAsync(string path)
    {
        await Task.Yield();
        var snapshot = new SettingsSnapshot(path); // expect
        return $"{snapshot.TakenAt:O} {snapshot.Raw.Length}";
    }

    public async Task<string?> ImportAsync(Stream upload)
    {
        var magic = upload.ReadMagic(1); // expect
        if (magic[0] != (byte)'{')
        {
            return null;
        }

        var body = upload.ReadRemainingText(); // expect
        await Task.Yield();
        return "{" + body;
    }

    public Task<string> ReadOverrideAsync(string path) => Task.FromResult(_readOverride(path)); // expect

    public async Task<string> DescribeAsync()
    {
        await Task.Yield();
        return _flags.IsEnabled("verbose-config") ? "verbose" : "compact"; // expect
    }
}

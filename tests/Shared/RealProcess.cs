using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Asphalt.Tests.Shared;

/// <summary>
/// A program running as a real child process (<c>dotnet X.dll ...</c>, or any executable), its output
/// captured: what every test that starts a sample or a test app uses. Compiled into each test project
/// that needs it (linked source: the projects share no test library).
/// </summary>
internal sealed class RealProcess : IDisposable
{
    /// <summary>The bound of a wait whose caller names none: generous, a healthy process needs a fraction of it.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly string _description;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _waits = [];
    private readonly Task _readingOutput;
    private readonly Task _readingError;
    private int _openStreams = 2;

    private RealProcess(Process process, string description)
    {
        _process = process;
        _description = description;
        _readingOutput = ReadAsync(process.StandardOutput, _standardOutput);
        _readingError = ReadAsync(process.StandardError, _standardError);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="WaitForExitAsync"/> has returned.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Every line printed so far, standard output and error interleaved as they arrived.</summary>
    public string Output => Read(_output);

    /// <summary>Standard output so far, exactly as printed.</summary>
    public string StandardOutput => Read(_standardOutput);

    /// <summary>Standard error so far, exactly as printed.</summary>
    public string StandardError => Read(_standardError);

    /// <summary>Starts <c>dotnet <paramref name="dll"/> arguments...</c>; a relative <paramref name="dll"/> is in the test's output folder.</summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    /// <param name="workingDirectory">The test's output folder unless given.</param>
    public static RealProcess StartDotnet(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, dll), .. arguments], environment, workingDirectory);

    /// <summary>Starts an executable (found on the PATH or by its path).</summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    /// <param name="workingDirectory">The test's output folder unless given.</param>
    public static RealProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        // Arguments can be huge (hostile-input tests): an error names each by its first 80 characters.
        var description = string.Join(' ', info.ArgumentList.Prepend(fileName).Select(a => a.Length > 80 ? a[..80] + "…" : a));
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start '{description}'.");
        return new RealProcess(process, description);
    }

    /// <summary>Runs <c>dotnet <paramref name="dll"/> arguments...</c> to completion (bounded by <see cref="DefaultTimeout"/>); returns the exited process.</summary>
    public static async Task<RealProcess> RunDotnetAsync(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var process = StartDotnet(dll, arguments, environment);
        try
        {
            await process.WaitForExitAsync();
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits (bounded) until a printed line contains <paramref name="text"/>; returns the rest of that line,
    /// trimmed. Fails with everything printed if the process closes its output first or the time runs out.
    /// </summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        Task<string> seen;
        lock (_gate)
        {
            var line = _output.ToString().Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return RestOf(line, text);
            }

            var wait = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_openStreams == 0)
            {
                wait.SetException(NotPrinted(text, "exited", _output.ToString()));
            }
            else
            {
                _waits.Add((text, wait));
            }

            seen = wait.Task;
        }

        try
        {
            return await seen.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw NotPrinted(text, $"ran {Seconds(timeout ?? DefaultTimeout)}", Output);
        }
    }

    /// <summary>Sends SIGTERM, as a service manager stopping the program would.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Sends SIGTERM and waits (bounded) for the exit; returns the exit code.</summary>
    public Task<int> StopAsync(TimeSpan? timeout = null)
    {
        Terminate();
        return WaitForExitAsync(timeout);
    }

    /// <summary>Waits (bounded) until the process exits and its output is read to the end; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        try
        {
            await Task.WhenAll(_process.WaitForExitAsync(), _readingOutput, _readingError).WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"'{_description}' did not exit within {Seconds(timeout ?? DefaultTimeout)}. It printed:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process (and its children) if it still runs.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    // Keeps the stream's text exactly as printed, and adds each complete line to the interleaved output,
    // completing the waits the line satisfies; at the end of the stream, a last unterminated line counts too.
    private async Task ReadAsync(StreamReader reader, StringBuilder exact)
    {
        var buffer = new char[4096];
        var partialLine = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_gate)
            {
                exact.Append(buffer, 0, read);
                partialLine.Append(buffer, 0, read);
                var text = partialLine.ToString();
                var end = text.LastIndexOf('\n');
                if (end >= 0)
                {
                    foreach (var line in text[..end].Split('\n'))
                    {
                        AddLine(line);
                    }

                    partialLine.Clear().Append(text[(end + 1)..]);
                }
            }
        }

        lock (_gate)
        {
            if (partialLine.Length > 0)
            {
                AddLine(partialLine.ToString());
            }

            if (--_openStreams == 0)
            {
                foreach (var (text, seen) in _waits)
                {
                    seen.TrySetException(NotPrinted(text, "exited", _output.ToString()));
                }

                _waits.Clear();
            }
        }
    }

    private void AddLine(string line)
    {
        _output.Append(line).Append('\n');
        foreach (var wait in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
        {
            wait.Seen.TrySetResult(RestOf(line, wait.Text));
            _waits.Remove(wait);
        }
    }

    private static string RestOf(string line, string text) =>
        line[(line.IndexOf(text, StringComparison.Ordinal) + text.Length)..].Trim();

    private Xunit.Sdk.XunitException NotPrinted(string text, string what, string printed) =>
        new($"'{_description}' {what} without printing '{text}'. It printed:\n{printed}");

    private static string Seconds(TimeSpan timeout) => $"{timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";

    private string Read(StringBuilder text)
    {
        lock (_gate)
        {
            return text.ToString();
        }
    }
}

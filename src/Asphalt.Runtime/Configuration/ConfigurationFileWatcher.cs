namespace Asphalt.Configuration;

/// <summary>
/// Watches configuration files and calls back once per change of their text. Write events come in bursts
/// (an editor truncates, writes, sets attributes; another writes a temporary file and renames it over
/// the original), so each burst is waited out (<see cref="Debounce"/> without a new event) and the
/// files' text is compared with the text last handled: a watcher firing twice for one write, or a
/// save without a change, calls back once or not at all.
/// </summary>
internal sealed class ConfigurationFileWatcher : IAsyncDisposable
{
    /// <summary>How long the files must be quiet before they are read again (documented in docs/operations.md).</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    private readonly string[] _files;
    private readonly Func<Task> _changed;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly SemaphoreSlim _events = new(0);
    private readonly CancellationTokenSource _stop = new();
    private string? _handledText;
    private Task _watching = Task.CompletedTask;

    /// <param name="files">The files to watch, as given on the command line.</param>
    /// <param name="changed">Called, never concurrently, after the files' text changed.</param>
    public ConfigurationFileWatcher(IEnumerable<string> files, Func<Task> changed)
    {
        // Nothing is read here: a configuration "file" may be a pipe that was read once, at load.
        _files = [.. files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)];
        _changed = changed;
    }

    /// <summary>The watched files, full paths.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Starts watching; the first event after this reloads (a reload that finds nothing new changes nothing).</summary>
    public void Start()
    {
        try
        {
            WatchFolders();
        }
        catch
        {
            DisposeWatchers(); // None may go on raising events that nobody reads.
            throw;
        }

        _watching = WatchAsync(_stop.Token);
    }

    /// <summary>Stops watching at once (teardown began): no reload starts after this; one in progress finishes.</summary>
    public void Stop()
    {
        DisposeWatchers();
        _stop.Cancel();
    }

    private void DisposeWatchers()
    {
        lock (_watchers)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
        }
    }

    private void WatchFolders()
    {
        // The folder, not the file: a rename over the file replaces the inode a file watch would follow.
        foreach (var folder in _files.Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal))
        {
            var watcher = new FileSystemWatcher(folder)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Changed += OnEvent;
            watcher.Created += OnEvent;
            watcher.Deleted += OnEvent;
            watcher.Renamed += OnEvent;
            lock (_watchers)
            {
                _watchers.Add(watcher);
            }

            watcher.EnableRaisingEvents = true;
        }
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        if (IsWatched(e.FullPath) || (e is RenamedEventArgs renamed && IsWatched(renamed.OldFullPath)))
        {
            _events.Release();
        }
    }

    private bool IsWatched(string path) => _files.Contains(path, StringComparer.Ordinal);

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _events.WaitAsync(cancellationToken).ConfigureAwait(false);
                // Wait the burst out: every further event restarts the quiet period.
                while (await _events.WaitAsync(Debounce, cancellationToken).ConfigureAwait(false))
                {
                }

                var text = await ReadAllAsync().ConfigureAwait(false);
                if (text == _handledText)
                {
                    continue;
                }

                _handledText = text;
                await _changed().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // Every file's text, in order; a file that cannot be read counts as its error, so it is reported once.
    private async Task<string> ReadAllAsync()
    {
        var texts = new List<string>(_files.Length);
        foreach (var file in _files)
        {
            try
            {
                texts.Add(await File.ReadAllTextAsync(file).ConfigureAwait(false));
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                texts.Add("\u0001" + failure.Message);
            }
        }

        return string.Join("\0", texts);
    }

    /// <summary>Stops watching; waits for a reload in progress to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        DisposeWatchers();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _watching.ConfigureAwait(false);
        }
        finally
        {
            _stop.Dispose();
            _events.Dispose();
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vexil.Server.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Definitions;

/// <summary>The registry: loads at creation, swaps whole catalogs on reload, tells subscribers, survives bad files.</summary>
public sealed class DefinitionRegistryTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_catalog_is_loaded_when_the_registry_is_created()
    {
        folder.WriteValid("my_flag");

        using var registry = CreateRegistry();

        Assert.True(registry.Current.Contains("my_flag"));
        Assert.Equal([folder.Root], registry.Folders);
    }

    [Fact]
    public void Reload_swaps_in_a_new_catalog_and_raises_changed_once()
    {
        folder.WriteValid("old_flag");
        using var registry = CreateRegistry();
        var before = registry.Current;
        var changes = new List<DefinitionCatalogChangedEventArgs>();
        registry.Changed += (sender, change) =>
        {
            Assert.Same(registry, sender);
            changes.Add(change);
        };

        folder.WriteValid("new_flag", "ops", defaultEnabled: true);
        var after = registry.Reload();

        Assert.Same(after, registry.Current);
        Assert.NotSame(before, after);
        var change = Assert.Single(changes);
        Assert.Same(before, change.Previous);
        Assert.Same(after, change.Current);
        Assert.True(after.Contains("new_flag"));
        Assert.True(after.DefaultsByName["new_flag"]);

        // The old catalog is untouched: whoever still holds it keeps a consistent view.
        Assert.False(before.Contains("new_flag"));
        Assert.Equal(1, before.Count);
    }

    [Fact]
    public void Changed_handlers_see_the_new_catalog_already_current()
    {
        using var registry = CreateRegistry();
        DefinitionCatalog? currentDuringEvent = null;
        registry.Changed += (_, _) => currentDuringEvent = registry.Current;

        var reloaded = registry.Reload();

        Assert.Same(reloaded, currentDuringEvent);
    }

    [Fact]
    public void A_failing_changed_handler_neither_fails_the_reload_nor_silences_the_others()
    {
        using var registry = CreateRegistry();
        var secondHandlerCalled = false;
        registry.Changed += (_, _) => throw new InvalidOperationException("subscriber bug");
        registry.Changed += (_, _) => secondHandlerCalled = true;

        folder.WriteValid("my_flag");
        var catalog = registry.Reload();

        Assert.True(catalog.Contains("my_flag"));
        Assert.True(secondHandlerCalled);
    }

    [Fact]
    public void A_bad_file_is_logged_as_a_warning_and_kept_in_the_errors()
    {
        folder.WriteValid("good_flag");
        var bad = folder.Write("beta/bad_flag.yml", "name: bad_flag\nmilestone: 17.9\n");
        var logger = new RecordingLogger<DefinitionRegistry>();

        using var registry = CreateRegistry(logger: logger);

        Assert.True(registry.Current.Contains("good_flag"));
        Assert.NotEmpty(registry.Current.Errors);
        Assert.All(registry.Current.Errors, error => Assert.Equal(bad, error.FullPath));
        var warnings = logger.Entries.Where(entry => entry.Level == LogLevel.Warning).Select(entry => entry.Message).ToList();
        Assert.Equal(registry.Current.Errors.Select(error => error.Message), warnings);
    }

    [Fact]
    public void A_bad_edit_keeps_the_last_good_definition_and_names_the_problem()
    {
        var path = folder.WriteValid("my_flag", defaultEnabled: false);
        var logger = new RecordingLogger<DefinitionRegistry>();
        using var registry = CreateRegistry(logger: logger);
        var good = registry.Current.ByName["my_flag"];

        File.WriteAllText(path, "name: my_flag\nmilestone: 17.9\n");
        var catalog = registry.Reload();

        Assert.Same(good, catalog.ByName["my_flag"]);
        Assert.True(catalog.IsLastGood("my_flag"));
        Assert.False(catalog.DefaultsByName["my_flag"]);
        var problems = catalog.ProblemsOf("my_flag");
        Assert.NotEmpty(problems);
        Assert.All(problems, problem => Assert.StartsWith("Invalid definition for `beta/my_flag.yml`: ", problem.Message));
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning
            && entry.Message == "Keeping the last good definition of 'my_flag' (beta/my_flag.yml): its file is now invalid; fix it to pick up the edit");

        // Still bad on the next reload: still kept.
        Assert.True(registry.Reload().IsLastGood("my_flag"));

        // Fixed: the new definition replaces it.
        folder.WriteValid("my_flag", defaultEnabled: false);
        var fixedCatalog = registry.Reload();
        Assert.False(fixedCatalog.IsLastGood("my_flag"));
        Assert.Empty(fixedCatalog.ProblemsOf("my_flag"));
    }

    [Fact]
    public void A_deleted_file_removes_the_flag()
    {
        var path = folder.WriteValid("my_flag");
        using var registry = CreateRegistry();

        File.Delete(path);

        Assert.False(registry.Reload().Contains("my_flag"));
    }

    [Fact]
    public void A_file_that_was_never_valid_has_no_definition_but_its_problems_are_found_by_flag_name()
    {
        folder.Write("beta/new_flag.yml", "name: new_flag\n");
        using var registry = CreateRegistry();

        Assert.False(registry.Current.Contains("new_flag"));
        Assert.False(registry.Current.IsLastGood("new_flag"));
        Assert.NotEmpty(registry.Current.ProblemsOf("new_flag"));
        Assert.Empty(registry.Current.ProblemsOf("other_flag"));
    }

    [Fact]
    public void Missing_folders_do_not_stop_the_registry()
    {
        var missing = Path.Combine(folder.Root, "nowhere");

        using var registry = CreateRegistry(paths: [missing]);
        registry.StartWatching();

        Assert.False(registry.IsWatching);
        Assert.Equal(0, registry.Current.Count);
        Assert.Equal(missing, Assert.Single(registry.Current.Errors).Path);
    }

    [Fact]
    public void No_configured_folder_means_an_empty_catalog()
    {
        using var registry = CreateRegistry(paths: []);

        Assert.Same(DefinitionCatalog.Empty, registry.Current);
    }

    [Fact]
    public void Watching_starts_and_stops_on_request()
    {
        using var registry = CreateRegistry();

        registry.StartWatching();
        registry.StartWatching();
        Assert.True(registry.IsWatching);

        registry.StopWatching();
        Assert.False(registry.IsWatching);
    }

    [Fact]
    public async Task A_watched_folder_reloads_after_a_definition_is_written()
    {
        // The type folder exists first, so the test does not depend on how fast the watcher follows a new folder.
        Directory.CreateDirectory(Path.Combine(folder.Root, "beta"));
        using var registry = CreateRegistry(debounce: TimeSpan.Zero);
        var reloadedWithFlag = new TaskCompletionSource<DefinitionCatalog>(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Changed += (_, change) =>
        {
            if (change.Current.Contains("watched_flag"))
            {
                reloadedWithFlag.TrySetResult(change.Current);
            }
        };
        registry.StartWatching();

        folder.WriteValid("watched_flag");

        // The cap only keeps a broken watcher from hanging the run; it is not a performance expectation.
        var catalog = await reloadedWithFlag.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        Assert.Same(catalog, registry.Current);
    }

    private DefinitionRegistry CreateRegistry(
        List<string>? paths = null,
        TimeSpan? debounce = null,
        ILogger<DefinitionRegistry>? logger = null)
    {
        var options = new DefinitionOptions
        {
            Paths = paths ?? [folder.Root],
            WatchDebounce = debounce ?? TimeSpan.FromMilliseconds(50),
        };
        return new DefinitionRegistry(Options.Create(options), logger ?? NullLogger<DefinitionRegistry>.Instance);
    }
}

using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Storage;

/// <summary>
/// What the contract suites of the stores that live beside their features (incidents, deliveries, seen chat requests)
/// share: each test gets a database of its own, migrated by a flag store (their tables come with its migrations), a
/// manual clock, and disposal of every store it opened before the database is dropped. A provider's subclass says how
/// to make the stores and read the database directly.
/// </summary>
public abstract class FeatureStoreContract : IAsyncLifetime
{
    /// <summary>Where <see cref="Clock"/> starts.</summary>
    protected static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<object> disposables = [];

    /// <summary>The clock the stores of this test use.</summary>
    protected ManualTimeProvider Clock { get; } = new(Start);

    /// <summary>The cancellation token of the running test.</summary>
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A flag store on this test's database (used to migrate it).</summary>
    protected abstract IFlagStore NewFlagStore(TimeProvider time);

    /// <summary>Runs a query directly and returns the first column of the first row.</summary>
    protected abstract Task<object?> ScalarAsync(string sql);

    /// <summary>Removes this test's database after its stores are disposed.</summary>
    protected virtual ValueTask DropDatabaseAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in disposables)
        {
            switch (disposable)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable syncDisposable:
                    syncDisposable.Dispose();
                    break;
            }
        }

        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Migrates this test's database with a flag store, which is returned (and disposed with the test).</summary>
    protected async Task<IFlagStore> MigrateAsync()
    {
        var flags = Track(NewFlagStore(Clock));
        await flags.InitializeAsync(Cancel);
        return flags;
    }

    /// <summary>Disposes <paramref name="store"/> when the test ends, before the database is dropped.</summary>
    protected T Track<T>(T store)
        where T : notnull
    {
        disposables.Add(store);
        return store;
    }
}

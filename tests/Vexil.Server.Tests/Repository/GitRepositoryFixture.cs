using Xunit;

namespace Vexil.Server.Tests.Repository;

/// <summary>One <see cref="TestGitRepository"/> for a test class: building it takes a few dozen git commands.</summary>
public sealed class GitRepositoryFixture : IAsyncLifetime
{
    internal TestGitRepository Repository { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => Repository = await TestGitRepository.CreateAsync(CancellationToken.None);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Repository.Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }

        return ValueTask.CompletedTask;
    }
}

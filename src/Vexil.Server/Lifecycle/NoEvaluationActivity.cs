namespace Vexil.Server.Lifecycle;

/// <summary>The <see cref="IEvaluationActivity"/> of a server that records no evaluation counts.</summary>
public sealed class NoEvaluationActivity : IEvaluationActivity
{
    /// <inheritdoc />
    public bool IsRecorded => false;

    /// <inheritdoc />
    public Task<(DateTimeOffset? LastEvaluated, long CountSince)> GetAsync(string flag, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<(DateTimeOffset?, long)>((null, 0));
}

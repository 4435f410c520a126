using System.Globalization;
using Vexil.Server.Commands;

namespace Vexil.Server.Changes.HealthSources;

/// <summary>
/// The production check: asks every <see cref="IHealthSource"/>, quick ones first. Slow sources (the
/// external check) run only when the quick ones found nothing, since their answer could not change the outcome, and
/// the person is told before they start.
/// </summary>
public sealed class ProductionCheck(IEnumerable<IHealthSource> sources, ILogger<ProductionCheck> logger) : IProductionCheck
{
    private readonly IHealthSource[] sources = [.. sources.OrderBy(source => source.MaximumDuration)];

    /// <inheritdoc />
    public TimeSpan MaximumDuration => sources.Length == 0 ? TimeSpan.Zero : sources.Max(source => source.MaximumDuration);

    /// <summary>GitLab's message before its check pipeline starts.</summary>
    public static string InitiatedMessage(TimeSpan maximum) =>
        string.Create(CultureInfo.InvariantCulture, $"Production check initiated, this may take up to {(int)Math.Ceiling(maximum.TotalSeconds)} seconds ...");

    /// <inheritdoc />
    public async Task<ProductionCheckResult> CheckAsync(ProductionCheckRequest request, CommandProgress? progress, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var timedOut = false;
        var announced = false;
        foreach (var source in sources)
        {
            if (source.MaximumDuration > TimeSpan.Zero)
            {
                if (problems.Count > 0)
                {
                    break;
                }

                if (!announced && progress is not null)
                {
                    announced = true;
                    await progress(InitiatedMessage(MaximumDuration), cancellationToken);
                }
            }

            var report = await AskAsync(source, request, cancellationToken);
            problems.AddRange(report.Problems);
            timedOut |= report.TimedOut;
        }

        if (problems.Count > 0 || timedOut)
        {
            logger.LogWarning(
                "Production check failed for {Flag} on {Environments}: {Problems}{TimedOut}",
                request.Flag,
                string.Join(", ", request.Environments),
                string.Join(" | ", problems),
                timedOut ? " (timed out)" : string.Empty);
        }

        return new ProductionCheckResult(problems, timedOut);
    }

    private async Task<HealthReport> AskAsync(IHealthSource source, ProductionCheckRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await source.CheckAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Fail closed: a check that cannot answer must not let the change through.
            logger.LogError(exception, "The {Source} production health source failed", source.Name);
            return HealthReport.Problem($"The {source.Name} check could not run ({exception.GetType().Name}: {exception.Message}); fix it, or use the override if production is known to be healthy.");
        }
    }
}

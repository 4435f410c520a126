using Vexil.Server.Definitions;
using Vexil.Server.Deployments;
using Vexil.Server.Repository;

namespace Vexil.Server.Changes.GuardRails;

/// <summary>
/// A flag turned on before its code reaches the environment does nothing, or turns on half a feature. When the flag's
/// definition names the merge request that introduced it (<c>introduced_by_url</c>), this check finds its merge commit
/// and refuses to enable the flag on an environment whose last successful deployment does not contain it, unless the
/// caller ignores the check. When nothing is known (no repository, no deployment recorded, the merge request not
/// found) the change goes on and the answer says why the check was skipped; without a repository configured the
/// check is off.
/// </summary>
public sealed class DeploymentGuard(DefinitionRegistry definitions, RepositoryMirror mirror, MergeRequestLocator mergeRequests, IDeploymentStore deployments)
{
    /// <summary>The refusals by environment name (empty when the change may go on) and the notices for the answer.</summary>
    public async Task<DeploymentCheckResult> CheckAsync(FlagChange change, IReadOnlyList<EnvironmentProjection> projections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(projections);
        var enabling = projections.Where(projection => projection.Enables).ToList();
        if (change.Delete || change.Overrides.IgnoreDeploymentCheck || enabling.Count == 0
            || !definitions.Current.TryGet(change.Flag, out var definition)
            || MergeRequestReference.TryParse(definition.IntroducedByUrl) is not { } mergeRequest)
        {
            return DeploymentCheckResult.Pass;
        }

        // Without a repository the check is off, and says nothing: a team that does not use it keeps GitLab's answers
        // word for word, instead of a notice under every change (docs/deployments.md says how to turn it on).
        if (!mirror.IsConfigured)
        {
            return DeploymentCheckResult.Pass;
        }

        const string skipped = "Deployment check skipped: ";

        if (!mirror.IsLoaded)
        {
            return DeploymentCheckResult.Notice($"{skipped}the mirror of `{mirror.Options.DisplayName}` has not been fetched yet.");
        }

        var answer = await mergeRequests.LocateAsync(mergeRequest.Project, mergeRequest.Iid, cancellationToken);
        if (answer.State == MergeRequestState.NotMerged)
        {
            // Its code is in no environment at all.
            return new DeploymentCheckResult(
                enabling.ToDictionary(p => p.Environment.Name, p => NotMerged(change, mergeRequest, p.Environment.Name), StringComparer.Ordinal),
                []);
        }

        if (answer.State != MergeRequestState.Merged || !mirror.Graph.Has(answer.CommitSha!))
        {
            var why = answer.State switch
            {
                MergeRequestState.DoesNotExist => $"GitLab says {mergeRequest.Reference} (introduced_by_url) does not exist.",
                MergeRequestState.Merged => $"the merge commit of {mergeRequest.Reference}, `{ReleaseShort(answer.CommitSha!)}`, is not in the mirror yet.",
                _ => $"Vexil cannot tell which commit merged {mergeRequest.Reference}{(answer.Detail is null ? "." : $": {answer.Detail}.")}",
            };
            return DeploymentCheckResult.Notice(skipped + why);
        }

        var commit = answer.CommitSha!;
        var containing = mirror.Graph.DescendantsOf(commit);
        var refusals = new Dictionary<string, string>(StringComparer.Ordinal);
        var notices = new List<string>();
        foreach (var projection in enabling)
        {
            var environment = projection.Environment.Name;
            var last = await deployments.GetLastSuccessfulAsync(environment, cancellationToken);
            if (last is null)
            {
                notices.Add($"{skipped}no successful deployment to {environment} is recorded.");
                continue;
            }

            switch (containing.Contain(last.Sha))
            {
                case false:
                    refusals[environment] =
                        $"Unable to proceed because {environment} does not run {mergeRequest.Reference} yet: its last deployment, {Describe(last)}, does not contain the merge commit `{ReleaseShort(commit)}`. "
                        + $"Wait for a deployment that contains it, or {change.DeploymentCheckHint}.";
                    break;
                case null:
                    notices.Add($"{skipped}the last deployment to {environment}, {Describe(last)}, is not in the mirror yet.");
                    break;
            }
        }

        return new DeploymentCheckResult(refusals, notices);
    }

    private static string NotMerged(FlagChange change, MergeRequestReference mergeRequest, string environment) =>
        $"Unable to proceed because {mergeRequest.Reference}, which introduced {change.Flag}, has not been merged as yet, so {environment} does not run it. Merge and deploy it first, or {change.DeploymentCheckHint}.";

    private static string Describe(Deployment deployment) =>
        $"`{deployment.Ref}` (`{ReleaseShort(deployment.Sha)}`) at {deployment.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC";

    private static string ReleaseShort(string sha) => sha.Length > 8 ? sha[..8] : sha;
}

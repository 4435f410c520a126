using System.Globalization;
using System.Text.RegularExpressions;
using Vexil.Server.Changes.GuardRails;
using Vexil.Server.Commands.Results;
using Vexil.Server.Deployments;
using Vexil.Server.Environments;
using Vexil.Server.Repository;

namespace Vexil.Server.Commands.Release;

/// <summary>
/// <c>release check &lt;merge-request-url or sha&gt; [X.Y]</c>, with GitLab release-tools' logic: the lowest release tag
/// that contains the merge commit answers at once; otherwise, without a version, "not released"; with one, the
/// version's stable branch decides when it exists, and production's deployment when it does not yet.
/// </summary>
public sealed partial class ReleaseCheckHandler(
    MirrorCommits commits,
    RepositoryMirror mirror,
    MergeRequestLocator mergeRequests,
    IDeploymentStore deployments,
    ConsistencyScope scope,
    EnvironmentCatalog environments)
{
    [GeneratedRegex(@"\A(?<major>\d+)\.(?<minor>\d+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex MonthlyVersion();

    /// <summary>Answers the command.</summary>
    public async Task<CommandResult> HandleAsync(ReleaseCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        // GitLab checks the version first.
        Match? version = null;
        if (command.Version is { } typed)
        {
            version = MonthlyVersion().Match(typed);
            if (!version.Success)
            {
                return CommandResult.Usage(ReleaseMessages.InvalidVersion(typed));
            }
        }

        var reference = MergeRequestReference.TryParse(command.Subject);
        if (reference is null && !MirrorCommits.LooksLikeSha(command.Subject))
        {
            return CommandResult.Usage(ReleaseMessages.InvalidMergeRequestUrl(command.Subject));
        }

        if (commits.Unavailable("release check") is { } unavailable)
        {
            return unavailable;
        }

        string subject;
        string sha;
        if (reference is not null)
        {
            subject = reference.Reference;
            var answer = await mergeRequests.LocateAsync(reference.Project, reference.Iid, cancellationToken);
            switch (answer.State)
            {
                case MergeRequestState.DoesNotExist:
                    return CommandResult.Refused(ReleaseMessages.DoesNotExist(subject));
                case MergeRequestState.NotMerged:
                    return CommandResult.Refused(ReleaseMessages.NotMerged(subject));
                case MergeRequestState.Unknown:
                    return CommandResult.Refused(ReleaseMessages.MergeCommitUnknown(subject, answer.Detail));
            }

            sha = answer.CommitSha!;
            if (!mirror.Graph.Has(sha))
            {
                return CommandResult.Refused(ReleaseMessages.NotFound(sha, mirror.Options.DisplayName));
            }
        }
        else
        {
            var (resolved, refusal) = commits.Resolve(command.Subject);
            if (refusal is not null)
            {
                return refusal;
            }

            sha = resolved!;
            subject = $"`{ReleaseMessages.Short(sha)}`";
        }

        var graph = mirror.Graph;
        var containing = graph.DescendantsOf(sha);
        var tags = new VersionPattern(mirror.Options.TagPattern);
        var released = graph.Tags
            .Select(tag => (Name: tag.Key, Version: tags.Match(tag.Key), Commit: tag.Value))
            .Where(tag => tag.Version is not null)
            .ToList();
        var lowest = released
            .Where(tag => containing.Contain(tag.Commit) == true)
            .OrderBy(tag => tag.Version)
            .Select(tag => tag.Name)
            .FirstOrDefault();
        if (lowest is not null)
        {
            return CommandResult.Success(ReleaseMessages.FirstReleasedIn(subject, lowest), []);
        }

        if (version is null)
        {
            // GitLab stops here; the next monthly version after the newest tag is a hint, not part of its answer.
            var newest = released.Select(tag => tag.Version!).DefaultIfEmpty().Max();
            var notes = newest is null ? Array.Empty<string>() : [$"The next monthly release after {newest.Major}.{newest.Minor} is {newest.Major}.{newest.Minor + 1}: `release check {command.Subject} {newest.Major}.{newest.Minor + 1}`."];
            return CommandResult.Success(ReleaseMessages.NotReleased(subject), [], notes);
        }

        var text = command.Version!;
        var stableBranch = new VersionPattern(mirror.Options.StableBranchPattern).Format(Number(version, "major"), Number(version, "minor"));
        if (graph.Branches.TryGetValue(stableBranch, out var tip))
        {
            var note = new[] { $"Stable branch checked: `{stableBranch}`." };
            return containing.Contain(tip) == true
                ? CommandResult.Success(ReleaseMessages.InStableBranch(subject, text), [], note)
                : CommandResult.Success(ReleaseMessages.NotInStableBranch(subject, text), [], note);
        }

        var production = scope.Production ?? environments.Default;
        var productionName = production.Aliases.Count > 0 ? production.Aliases[0] : production.Name;
        var last = await deployments.GetLastSuccessfulAsync(production.Name, cancellationToken);
        if (last is not null && containing.Contain(last.Sha) == true)
        {
            return CommandResult.Success(ReleaseMessages.DeployedToProduction(subject, productionName, text), [], [$"Deployment: {ReleaseMessages.Describe(last)}."]);
        }

        var why = last is null ? $"No successful deployment to {production.Name} is recorded." : $"{production.Name} last deployed {ReleaseMessages.Describe(last)}.";
        return CommandResult.Success(ReleaseMessages.NotDeployedToProduction(subject, productionName), [], [why]);
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
}

using Vexil.Server.Commands.Results;
using Vexil.Server.Deployments;
using Vexil.Server.Environments;
using Vexil.Server.Repository;

namespace Vexil.Server.Commands.Release;

/// <summary>
/// <c>auto_deploy status &lt;sha&gt;</c>: the commit (its short sha, title and link), then one line per environment
/// whose last successful deployment is recorded, saying whether that deployment contains the commit. Unlike GitLab,
/// which asks whether the deployed auto-deploy branch contains the commit today, Vexil asks whether the deployed
/// commit itself contains it, so a branch that moved on after the deployment does not count.
/// </summary>
public sealed class AutoDeployStatusHandler(MirrorCommits commits, RepositoryMirror mirror, IDeploymentStore deployments, EnvironmentCatalog environments)
{
    /// <summary>Answers the command.</summary>
    public async Task<CommandResult> HandleAsync(ReleaseCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (commits.Unavailable("auto_deploy status") is { } unavailable)
        {
            return unavailable;
        }

        var (sha, refusal) = commits.Resolve(command.Subject);
        if (refusal is not null)
        {
            return refusal;
        }

        var graph = mirror.Graph;
        var containing = graph.DescendantsOf(sha!);
        var lines = new List<string> { CommitLine(graph, sha!) };
        var deployed = 0;
        var without = new List<string>();
        foreach (var environment in environments.All)
        {
            var last = await deployments.GetLastSuccessfulAsync(environment.Name, cancellationToken);
            if (last is null)
            {
                without.Add(environment.Name);
                continue;
            }

            switch (containing.Contain(last.Sha))
            {
                case true:
                    deployed++;
                    lines.Add($"{environment.Name}: deployed, in {ReleaseMessages.Describe(last)}");
                    break;
                case false:
                    lines.Add($"{environment.Name}: not deployed; its last deployment is {ReleaseMessages.Describe(last)}");
                    break;
                default:
                    lines.Add($"{environment.Name}: unknown; its last deployment {ReleaseMessages.Describe(last)} is not in the mirror yet (POST /api/v1/repository/fetch fetches it)");
                    break;
            }
        }

        if (deployed == 0)
        {
            lines.Add(ReleaseMessages.NoDeployedBranch);
        }

        var notes = without.Count == 0
            ? []
            : new[] { $"No successful deployment is recorded for {string.Join(", ", without)}." };
        return CommandResult.Success(string.Join('\n', lines), [], notes);
    }

    private string CommitLine(CommitGraph graph, string sha)
    {
        var line = $"`{ReleaseMessages.Short(sha)}` {graph.TitleOf(sha)}";
        return mirror.Options.CommitUrl(sha) is { } url ? $"{line} ({url})" : line;
    }
}

using System.CommandLine;
using System.Globalization;
using Vexil.Cli.Api;
using Vexil.Cli.Output;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil deployment record|list</c>, through <c>/api/v1/deployments</c>. A CI job records each deployment with a
/// deployments token, so the deployment check and <c>auto_deploy status</c> know what each environment runs.
/// </summary>
internal static class DeploymentCommands
{
    private const string Route = "api/v1/deployments";

    /// <summary>Builds the <c>deployment</c> command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var deployment = new Command("deployment", "Record a deployment from CI, and list recorded deployments.");
        deployment.Subcommands.Add(RecordCommand(context));
        deployment.Subcommands.Add(ListCommand(context));
        return deployment;
    }

    private static Option<string> Environment(bool required) => new("--environment", "--env", "-e")
    {
        Description = required ? "The environment deployed to, by name or alias, e.g. gstg or gprd-cny." : "Only this environment's deployments (name or alias).",
        Required = required,
        HelpName = "name",
    };

    private static Command RecordCommand(CliContext context)
    {
        var environment = Environment(required: true);
        var sha = new Option<string>("--sha") { Description = "The full 40-digit commit sha deployed ($CI_COMMIT_SHA).", Required = true };
        var reference = new Option<string>("--ref") { Description = "The branch or tag deployed ($CI_COMMIT_REF_NAME).", Required = true };
        var status = new Option<string?>("--status") { Description = "success (default), failed or running." };
        status.AcceptOnlyFromAmong("success", "failed", "running");
        var finishedAt = new Option<string?>("--finished-at") { Description = "When it finished, ISO 8601 with an offset (e.g. 2026-12-04T10:15:00Z); default now.", HelpName = "time" };
        var url = new Option<string?>("--url") { Description = "The pipeline or job URL ($CI_JOB_URL)." };

        var command = new Command("record", "Record one deployment (needs a deployments or admin token).") { environment, sha, reference, status, finishedAt, url };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new NewDeployment(
                parse.GetValue(environment)!,
                parse.GetValue(sha)!,
                parse.GetValue(reference)!,
                parse.GetValue(status),
                parse.GetValue(finishedAt),
                parse.GetValue(url));
            using var client = context.CreateClient();
            var result = await client.PostAsync<DeploymentInfo>(Route, request, cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            var recorded = result.Value;
            context.WriteLine($"Recorded deployment {recorded.Id}: {recorded.Ref} ({Short(recorded.Sha)}) to {recorded.Environment}, {recorded.Status}, {Display.When(recorded.FinishedAt)}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var environment = Environment(required: false);
        var sha = new Option<string?>("--sha") { Description = "Only deployments of this full commit sha." };
        var limit = new Option<int?>("--limit", "-n")
        {
            Description = "How many to show, 1 to 100 (default 20).",
            CustomParser = result => CommonOptions.WholeNumber(result, 1, 100, "--limit is a whole number from 1 to 100"),
        };
        var before = new Option<long?>("--before") { Description = "Only deployments listed after this id (the previous page's last id)." };

        var command = new Command("list", "List recorded deployments, newest first.") { environment, sha, limit, before };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = new List<string>();
            Add(query, "environment", parse.GetValue(environment));
            Add(query, "sha", parse.GetValue(sha));
            Add(query, "per_page", parse.GetValue(limit)?.ToString(CultureInfo.InvariantCulture));
            Add(query, "before", parse.GetValue(before)?.ToString(CultureInfo.InvariantCulture));
            using var client = context.CreateClient();
            var result = await client.GetListAsync<DeploymentInfo>(query.Count == 0 ? Route : $"{Route}?{string.Join('&', query)}", cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            if (result.Value.Count == 0)
            {
                context.WriteLine("No deployments recorded.");
                return ExitCodes.Success;
            }

            var table = Tables.Create("Id", "Environment", "Ref", "Sha", "Status", "Finished", "By");
            foreach (var deployment in result.Value)
            {
                table.AddRow(
                    deployment.Id.ToString(CultureInfo.InvariantCulture),
                    deployment.Environment,
                    deployment.Ref,
                    Short(deployment.Sha),
                    deployment.Status,
                    Display.When(deployment.FinishedAt),
                    deployment.RecordedBy ?? "");
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }

    // GitLab shows 11 characters of a sha in its deployment lists; enough to be unique in practice.
    private static string Short(string sha) => sha.Length > 11 ? sha[..11] : sha;
}

using System.CommandLine;
using Vexil.Cli.Api;
using Vexil.Cli.Output;
using Vexil.Core.Actors;
using Vexil.Core.Naming;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil check NAME --actor User:42 [--actor ...] [--env staging]</c>: does this actor see the flag, and which gate
/// decided? Through <c>GET /api/v1/flags/{name}/check</c>, evaluated by the server's engine from its snapshot.
/// </summary>
internal static class CheckCommand
{
    /// <summary>Builds the <c>check</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The flag." };
        name.Validators.Add(result =>
        {
            if (FlagName.Validate(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError(problem);
            }
        });
        var actors = new Option<string[]>("--actor")
        {
            Description = "An actor as its flipper id, e.g. User:42 or Project:gitlab-org/gitlab; repeat it for a multi-actor check.",
            HelpName = "Type:id",
            AllowMultipleArgumentsPerToken = false,
        };
        actors.Validators.Add(result =>
        {
            foreach (var id in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (ActorId.Validate(id) is { } problem)
                {
                    result.AddError(problem);
                }
                else if (!id.Contains(':', StringComparison.Ordinal))
                {
                    result.AddError($"Actor '{id}' has no type: write it as a flipper id, e.g. User:{id}.");
                }
            }
        });
        var environment = new Option<string?>("--env", "--environment") { Description = "Only this environment (name or alias); default every environment the token reads.", HelpName = "name" };

        var command = new Command("check", "Does this actor see the flag, and which gate decided?") { name, actors, environment };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var flag = parse.GetValue(name)!;
            var query = (parse.GetValue(actors) ?? []).Select(id => $"actor={Uri.EscapeDataString(id)}").ToList();
            if (parse.GetValue(environment) is { } env && !string.IsNullOrWhiteSpace(env))
            {
                query.Add($"environment={Uri.EscapeDataString(env.Trim())}");
            }

            using var client = context.CreateClient();
            var result = await client.GetAsync<FlagCheckAnswer>($"api/v1/flags/{flag}/check?{string.Join('&', query)}", cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            var answer = result.Value;
            var who = answer.Actors.Count == 0 ? "No actor" : string.Join(", ", answer.Actors);
            var table = Tables.Create("Environment", "Sees it", "Gate", "Why");
            foreach (var row in answer.Environments)
            {
                table.AddRow(row.Environment, row.Enabled ? "yes" : "no", row.Gate, row.Explanation);
            }

            context.WriteLine($"{who} on {answer.Name}:");
            context.Console.Write(table);
            foreach (var error in answer.DefinitionErrors ?? [])
            {
                context.WriteLine(error);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

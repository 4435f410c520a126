using System.CommandLine;
using System.Globalization;
using Vexil.Cli.Api;
using Vexil.Cli.Output;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil incident open|close|list</c>, through <c>/api/v1/incidents</c>. An open incident of severity 1 or 2 makes
/// the production check refuse changes to protected environments, as GitLab's ChatOps does.
/// </summary>
internal static class IncidentCommands
{
    private const string Route = "api/v1/incidents";

    /// <summary>Builds the <c>incident</c> command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var incident = new Command("incident", "Open, close and list incidents; severity 1 or 2 blocks production changes while open.");
        incident.Subcommands.Add(OpenCommand(context));
        incident.Subcommands.Add(CloseCommand(context));
        incident.Subcommands.Add(ListCommand(context));
        return incident;
    }

    private static Command OpenCommand(CliContext context)
    {
        var title = new Argument<string[]>("title")
        {
            Description = "What is wrong, in a few words (quotes optional).",
            Arity = ArgumentArity.OneOrMore,
        };
        var severity = new Option<int>("--severity", "-s")
        {
            Description = "1 (critical) to 4 (low); 1 and 2 block production changes.",
            Required = true,
            CustomParser = result => CommonOptions.WholeNumber(result, 1, 4, "--severity is 1 (critical), 2, 3 or 4 (low)"),
        };

        var command = new Command("open", "Open an incident.") { title, severity };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new NewIncident(string.Join(' ', parse.GetValue(title)!), parse.GetValue(severity));
            using var client = context.CreateClient();
            var result = await client.PostAsync<IncidentInfo>(Route, request, cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            var opened = result.Value;
            context.WriteLine(
                $"Opened incident {opened.Id} (S{opened.Severity}): {opened.Title}."
                + (opened.Severity <= 2 ? " Changes to protected environments are refused until it is closed." : ""));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CloseCommand(CliContext context)
    {
        var id = CommonOptions.Id("incident");
        var command = new Command("close", "Close an incident.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var incidentId = parse.GetValue(id);
            using var client = context.CreateClient();
            // An empty JSON object rather than no body: the closer defaults to the token's name.
            var body = await client.SendAsync(HttpMethod.Post, $"{Route}/{incidentId}/close", new { }, cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(string.IsNullOrWhiteSpace(body) ? $"{{\"id\":{incidentId},\"closed\":true}}" : body);
                return ExitCodes.Success;
            }

            var closed = VexilApiClient.TryRead<IncidentInfo>(body);
            context.WriteLine(closed is null ? $"Closed incident {incidentId}." : $"Closed incident {closed.Id} (S{closed.Severity}): {closed.Title}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Closed incidents too (default: open ones only)." };
        var command = new Command("list", "List open incidents, newest first.") { all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var everyIncident = parse.GetValue(all);
            using var client = context.CreateClient();
            var result = await client.GetListAsync<IncidentInfo>(everyIncident ? $"{Route}?status=all" : Route, cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            if (result.Value.Count == 0)
            {
                context.WriteLine(everyIncident ? "No incidents." : "No open incidents.");
                return ExitCodes.Success;
            }

            var table = Tables.Create("Id", "Severity", "Title", "Opened", "By", "Status");
            foreach (var incident in result.Value)
            {
                table.AddRow(
                    incident.Id.ToString(CultureInfo.InvariantCulture),
                    $"S{incident.Severity}",
                    incident.Title,
                    Display.When(incident.OpenedAt),
                    incident.OpenedBy,
                    incident.ClosedAt is null
                        ? incident.Severity <= 2 ? "open, blocks production" : "open"
                        : $"closed {Display.When(incident.ClosedAt)} by {incident.ClosedBy ?? "?"}");
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using Vexil.Cli.Api;
using Vexil.Cli.Output;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil lock add|list|remove</c>, through <c>/api/v1/change-locks</c>: windows (a release freeze, a migration) in
/// which the production check refuses changes to protected environments.
/// </summary>
internal static class LockCommands
{
    private const string Route = "api/v1/change-locks";

    /// <summary>Builds the <c>lock</c> command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var locks = new Command("lock", "Add, list and remove change locks: windows in which protected environments must not change.");
        locks.Subcommands.Add(AddCommand(context));
        locks.Subcommands.Add(ListCommand(context));
        locks.Subcommands.Add(RemoveCommand(context));
        return locks;
    }

    private static Command AddCommand(CliContext context)
    {
        var reason = new Option<string>("--reason")
        {
            Description = "Why, e.g. \"Release freeze\"; shown to whoever is refused.",
            Required = true,
        };
        var from = new Option<DateTimeOffset?>("--from")
        {
            Description = "Start, ISO 8601 (e.g. 2026-12-20T00:00:00Z); default now.",
            HelpName = "time",
        };
        var until = new Option<DateTimeOffset>("--until")
        {
            Description = "End, ISO 8601 (e.g. 2027-01-04); changes are allowed again from then.",
            HelpName = "time",
            Required = true,
        };
        var environments = CommonOptions.Environments("Protected environments to lock (repeat or comma-separate); default all of them.");

        var command = new Command("add", "Lock protected environments for a time window.") { reason, from, until, environments };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Checked here rather than in a validator: validators run before the times are converted and cannot read them.
            var start = parse.GetValue(from) ?? DateTimeOffset.UtcNow;
            var end = parse.GetValue(until);
            if (end <= start)
            {
                throw new CliException("--until must be later than --from (or than now, without --from).", ExitCodes.Usage);
            }

            var request = new NewChangeLock(parse.GetValue(reason)!, start, end, CommonOptions.Split(parse.GetValue(environments)));
            using var client = context.CreateClient();
            var result = await client.PostAsync<ChangeLockInfo>(Route, request, cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            var added = result.Value;
            context.WriteLine(
                $"Added change lock {added.Id}: {Display.Environments(added.Environments, "all protected environments")} "
                + $"from {Display.When(added.StartsAt)} until {Display.When(added.EndsAt)} ({added.Reason}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Locks that have ended too (default: current and upcoming ones)." };
        var command = new Command("list", "List change locks that have not ended, by start.") { all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var everyLock = parse.GetValue(all);
            using var client = context.CreateClient();
            var result = await client.GetListAsync<ChangeLockInfo>(everyLock ? $"{Route}?all=true" : Route, cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            if (result.Value.Count == 0)
            {
                context.WriteLine(everyLock ? "No change locks." : "No current or upcoming change locks.");
                return ExitCodes.Success;
            }

            var now = DateTimeOffset.UtcNow;
            var table = Tables.Create("Id", "Environments", "From", "Until", "Reason", "By", "Status");
            foreach (var changeLock in result.Value)
            {
                table.AddRow(
                    changeLock.Id.ToString(CultureInfo.InvariantCulture),
                    Display.Environments(changeLock.Environments, "all protected"),
                    Display.When(changeLock.StartsAt),
                    Display.When(changeLock.EndsAt),
                    changeLock.Reason,
                    changeLock.CreatedBy,
                    now < changeLock.StartsAt ? "upcoming" : now < changeLock.EndsAt ? "active" : "over");
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RemoveCommand(CliContext context)
    {
        var id = CommonOptions.Id("change lock");
        var command = new Command("remove", "Remove a change lock.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var lockId = parse.GetValue(id);
            using var client = context.CreateClient();
            var body = await client.SendAsync(HttpMethod.Delete, $"{Route}/{lockId}", null, cancellationToken);
            context.WriteLine(context.Json(parse)
                ? string.IsNullOrWhiteSpace(body) ? $"{{\"id\":{lockId},\"removed\":true}}" : body
                : $"Removed change lock {lockId}.");
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using Vexil.Cli.Api;
using Vexil.Cli.Output;
using Vexil.Core.Naming;

namespace Vexil.Cli.Commands;

/// <summary><c>vexil audit</c>: the audit log, newest first, through <c>GET /api/v1/audit</c>.</summary>
internal static class AuditCommand
{
    /// <summary>The most events the server returns per page.</summary>
    private const int MaxPageSize = 500;

    /// <summary>Builds the <c>audit</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var flag = new Option<string?>("--flag") { Description = "Only this flag's events.", HelpName = "name" };
        flag.Validators.Add(result =>
        {
            // Checked here so a typo is a usage error, not an empty page.
            if (result.GetValueOrDefault<string?>() is { } name && FlagName.Validate(name) is { } problem)
            {
                result.AddError(problem);
            }
        });
        var environment = new Option<string?>("--env", "--environment") { Description = "Only this environment's events (name or alias).", HelpName = "name" };
        var user = new Option<string?>("--user") { Description = "Only changes made by this user or token name.", HelpName = "name" };
        var page = new Option<int>("--page")
        {
            Description = "Page number, from 1 (newest first).",
            DefaultValueFactory = _ => 1,
            CustomParser = result => CommonOptions.WholeNumber(result, 1, int.MaxValue, "--page is a whole number from 1"),
        };
        var pageSize = new Option<int?>("--page-size")
        {
            Description = $"Events per page, 1 to {MaxPageSize}; default the server's (50).",
            CustomParser = result => CommonOptions.WholeNumber(result, 1, MaxPageSize, $"--page-size is 1 to {MaxPageSize}"),
        };

        var attempts = new Option<bool>("--attempts") { Description = "Also show refused attempts: changes a guard rail refused, and why." };

        var command = new Command("audit", "Show the audit log, newest first: who changed which flag where, and how; tokens, incidents and change locks too.")
        {
            flag,
            environment,
            user,
            page,
            pageSize,
            attempts,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = new List<string>();
            Add(query, "flag", parse.GetValue(flag));
            Add(query, "environment", parse.GetValue(environment));
            Add(query, "user", parse.GetValue(user));
            Add(query, "page", parse.GetValue(page).ToString(CultureInfo.InvariantCulture));
            Add(query, "pageSize", parse.GetValue(pageSize)?.ToString(CultureInfo.InvariantCulture));
            Add(query, "include", parse.GetValue(attempts) ? "attempts" : null);

            using var client = context.CreateClient();
            var result = await client.GetAsync<AuditPage>($"api/v1/audit?{string.Join('&', query)}", cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            Write(context, result.Value);
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

    private static void Write(CliContext context, AuditPage page)
    {
        if (page.Events.Count == 0)
        {
            context.WriteLine(page.Total == 0 ? "No audit events match." : $"Page {page.Page} is past the last page ({page.Total} events).");
            return;
        }

        var table = Tables.Create("When", "Kind", "Environment", "Flag", "Action", "Now", "By", "Via", "Note");
        foreach (var e in page.Events)
        {
            var change = e.Kind is null or "change";
            table.AddRow(
                Display.When(e.OccurredAt),
                e.Kind ?? "change",
                e.Environment ?? "",
                e.Flag ?? "",
                e.Action ?? "",
                change ? Display.Gates(e.After) : "",
                e.User,
                string.IsNullOrEmpty(e.From) ? e.Via : $"{e.Via} ({e.From})",

                // An attempt's note is why it was refused: that is what the reader is looking for.
                e.Refusal is { } refusal ? "Refused: " + refusal : e.Reason ?? e.Title);
        }

        context.Console.Write(table);
        var pages = page.PageSize > 0 ? (page.Total + page.PageSize - 1) / page.PageSize : 1;
        context.WriteLine($"Page {page.Page} of {pages}, {page.Total} events." + (page.Page < pages ? $" Next: --page {page.Page + 1}." : ""));
    }
}

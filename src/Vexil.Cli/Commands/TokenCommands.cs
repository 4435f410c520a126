using System.CommandLine;
using Vexil.Cli.Api;
using Vexil.Cli.Output;

namespace Vexil.Cli.Commands;

/// <summary><c>vexil tokens create|list|revoke</c>: API tokens, through <c>/api/v1/tokens</c> (admin tokens only).</summary>
internal static class TokenCommands
{
    private const string Route = "api/v1/tokens";

    /// <summary>Builds the <c>tokens</c> command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var tokens = new Command("tokens", "Make, list and revoke API tokens (needs an admin token).");
        tokens.Subcommands.Add(CreateCommand(context));
        tokens.Subcommands.Add(ListCommand(context));
        tokens.Subcommands.Add(RevokeCommand(context));
        return tokens;
    }

    private static Command CreateCommand(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "What the token is for, e.g. ci-deploy; audit events name it." };
        var kind = new Option<string>("--kind")
        {
            Description = "read: read flags; write: change flags; admin: everything, including tokens; metrics: only Prometheus's /metrics; deployments: only record and list deployments (for CI).",
            Required = true,
        };
        kind.AcceptOnlyFromAmong("read", "write", "admin", "metrics", "deployments");
        var environments = CommonOptions.Environments("Limit the token to these environments (repeat or comma-separate); default all.");
        var expiresAt = new Option<DateTimeOffset?>("--expires-at")
        {
            Description = "When the token stops working, ISO 8601 (e.g. 2026-12-31 or 2026-12-31T18:00:00Z); default never.",
            HelpName = "time",
        };

        var command = new Command("create", "Make a token; its secret is shown once.") { name, kind, environments, expiresAt };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new NewToken(
                parse.GetValue(name)!,
                parse.GetValue(kind)!,
                CommonOptions.Split(parse.GetValue(environments)),
                parse.GetValue(expiresAt));
            using var client = context.CreateClient();
            var result = await client.PostAsync<CreatedToken>(Route, request, cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            var token = result.Value;
            context.WriteLine(
                $"Made token {token.Id} '{token.Name}' ({token.Kind}; environments: {Display.Environments(token.Environments)}; "
                + $"expires {(token.ExpiresAt is null ? "never" : Display.When(token.ExpiresAt))}).");
            context.WriteLine("Its secret is shown only now; store it safely:");
            context.WriteLine(token.Token);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var command = new Command("list", "List every token, revoked and expired ones included (never secrets).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = context.CreateClient();
            var result = await client.GetListAsync<TokenInfo>(Route, cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            if (result.Value.Count == 0)
            {
                context.WriteLine("No tokens yet; make one with `vexil tokens create`.");
                return ExitCodes.Success;
            }

            var table = Tables.Create("Id", "Name", "Kind", "Environments", "Created", "By", "Last used", "Expires", "Status");
            foreach (var token in result.Value)
            {
                table.AddRow(
                    token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    token.Name,
                    token.Kind,
                    Display.Environments(token.Environments),
                    Display.When(token.CreatedAt),
                    token.CreatedBy,
                    Display.When(token.LastUsedAt),
                    token.ExpiresAt is null ? "never" : Display.When(token.ExpiresAt),
                    token.RevokedAt is not null ? "revoked" : token.Active ? "active" : "expired");
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeCommand(CliContext context)
    {
        var id = CommonOptions.Id("token");
        var command = new Command("revoke", "Revoke a token: the server refuses it from now on.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tokenId = parse.GetValue(id);
            using var client = context.CreateClient();
            var body = await client.SendAsync(HttpMethod.Delete, $"{Route}/{tokenId}", null, cancellationToken);
            if (context.Json(parse))
            {
                // The server answers 204 without a body; scripts still get an object to read.
                context.WriteLine(string.IsNullOrWhiteSpace(body) ? $"{{\"id\":{tokenId},\"revoked\":true}}" : body);
                return ExitCodes.Success;
            }

            context.WriteLine($"Revoked token {tokenId}.");
            return ExitCodes.Success;
        });
        return command;
    }
}

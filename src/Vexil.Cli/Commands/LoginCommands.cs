using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Vexil.Cli.Api;
using Vexil.Cli.Configuration;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil login</c> and <c>vexil logout</c>: save or forget the server address and token in the configuration file,
/// so people need not export <c>VEXIL_URL</c> and <c>VEXIL_TOKEN</c> in every shell.
/// </summary>
internal static class LoginCommands
{
    /// <summary>Builds <c>vexil login</c>.</summary>
    public static Command CreateLogin(CliContext context)
    {
        var url = new Option<string?>("--url")
        {
            Description = "The Vexil server, e.g. https://vexil.example.com; default the address saved before.",
            HelpName = "address",
        };
        var token = new Option<string?>("--token")
        {
            Description = "The API token; without it, read from standard input (prompted for, unechoed, on a terminal) so it stays out of shell history.",
            HelpName = "token",
        };
        var noVerify = new Option<bool>("--no-verify")
        {
            Description = "Save without first checking that the server accepts the token.",
        };

        var command = new Command("login", "Save the server address and token that later commands use (VEXIL_URL and VEXIL_TOKEN still win).")
        {
            url,
            token,
            noVerify,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var address = Address(context, parse.GetValue(url));
            var secret = parse.GetValue(token) is { Length: > 0 } given ? given.Trim() : ReadToken(context);
            var settings = new ConnectionSettings(address, secret, "--token");

            IReadOnlyList<EnvironmentInfo>? environments = null;
            if (!parse.GetValue(noVerify))
            {
                using var client = context.CreateClient(settings);
                try
                {
                    environments = (await client.GetListAsync<EnvironmentInfo>("api/v1/environments", cancellationToken)).Value;
                }
                catch (CliException e)
                {
                    throw new CliException($"{e.Message} Nothing was saved (use --no-verify to save anyway).", e.ExitCode, e.JsonBody, e);
                }
            }

            context.ConfigFile.Save(new CliConfig(address.ToString(), secret));
            if (context.Json(parse))
            {
                context.WriteLine(JsonSerializer.Serialize(
                    new { url = address.ToString(), configFile = context.ConfigFile.Path, environments = environments?.Select(e => e.Name) },
                    new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            }
            else
            {
                context.WriteLine(environments is null
                    ? $"Saved {address} and the token to {context.ConfigFile.Path} (not checked)."
                    : $"Logged in to {address}; the token reads {Names(environments)}. Saved to {context.ConfigFile.Path}.");
            }

            WarnAboutOverrides(context);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Builds <c>vexil logout</c>.</summary>
    public static Command CreateLogout(CliContext context)
    {
        var command = new Command("logout", "Delete the saved server address and token.");
        command.SetAction(parse =>
        {
            var deleted = context.ConfigFile.Delete();
            if (context.Json(parse))
            {
                context.WriteLine(JsonSerializer.Serialize(
                    new { configFile = context.ConfigFile.Path, deleted },
                    new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            }
            else
            {
                context.WriteLine(deleted ? $"Logged out: deleted {context.ConfigFile.Path}." : $"Not logged in: {context.ConfigFile.Path} does not exist.");
            }

            WarnAboutOverrides(context);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Uri Address(CliContext context, string? given)
    {
        if (given is not null)
        {
            return ServerAddress.TryParse(given)
                ?? throw new CliException($"'{given}' is not an http(s) address: give the server as --url https://host[:port][/path].", ExitCodes.Usage);
        }

        var saved = context.ConfigFile.Load()?.Url;
        return ServerAddress.TryParse(saved)
            ?? throw new CliException("Give the server's address: vexil login --url https://vexil.example.com --token TOKEN.", ExitCodes.Usage);
    }

    private static string ReadToken(CliContext context)
    {
        string? token;
        if (context.Host.InputIsTerminal)
        {
            token = context.Console.Prompt(new TextPrompt<string>("Token:").Secret().AllowEmpty());
        }
        else
        {
            token = context.Host.In.ReadLine();
        }

        return string.IsNullOrWhiteSpace(token)
            ? throw new CliException("No token given: pass --token TOKEN or write it to standard input.", ExitCodes.Usage)
            : token.Trim();
    }

    private static string Names(IReadOnlyList<EnvironmentInfo> environments) =>
        environments.Count == 0 ? "no environments" : string.Join(", ", environments.Select(e => e.Name));

    private static void WarnAboutOverrides(CliContext context)
    {
        // Otherwise a person logs in, still has an old VEXIL_TOKEN exported, and wonders why nothing changed.
        foreach (var variable in new[] { ConnectionSettings.UrlVariable, ConnectionSettings.TokenVariable })
        {
            if (!string.IsNullOrWhiteSpace(context.Host.GetEnvironmentVariable(variable)))
            {
                context.WriteError($"Note: {variable} is set in this shell and wins over the saved login; unset it to use the saved one.");
            }
        }
    }
}

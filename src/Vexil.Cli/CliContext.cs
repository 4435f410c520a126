using System.CommandLine;
using Spectre.Console;
using Vexil.Cli.Api;
using Vexil.Cli.Configuration;

namespace Vexil.Cli;

/// <summary>
/// What every command of one run shares: the host, the global <c>--json</c> option, the configuration file, the API
/// client and the Spectre console for tables. Commands get it when they are built, so they stay small functions.
/// </summary>
internal sealed class CliContext
{
    private IAnsiConsole? console;

    /// <summary>Creates the context of one run.</summary>
    public CliContext(CliHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
        ConfigFile = ConfigFile.For(host.GetEnvironmentVariable);
    }

    /// <summary>The process the CLI runs in.</summary>
    public CliHost Host { get; }

    /// <summary>The login file.</summary>
    public ConfigFile ConfigFile { get; }

    /// <summary><c>--json</c>: print the server's JSON instead of text and tables. Valid on every command.</summary>
    public Option<bool> JsonOption { get; } = new("--json")
    {
        Description = "Print the server's JSON answer instead of text or tables, for scripts.",
        Recursive = true,
    };

    /// <summary>Standard output as a Spectre console, for tables; no colour unless it is a terminal.</summary>
    public IAnsiConsole Console => console ??= CreateConsole();

    /// <summary>True when <c>--json</c> was given.</summary>
    public bool Json(ParseResult parse) => parse.GetValue(JsonOption);

    /// <summary>A client for the server and token from <c>VEXIL_URL</c>/<c>VEXIL_TOKEN</c> or the login file.</summary>
    /// <exception cref="CliException">No server or token is set.</exception>
    public VexilApiClient CreateClient() =>
        new(ConnectionSettings.Resolve(Host.GetEnvironmentVariable, ConfigFile), Host.HttpHandler);

    /// <summary>A client for explicit settings (<c>vexil login</c> checks a token before saving it).</summary>
    public VexilApiClient CreateClient(ConnectionSettings settings) => new(settings, Host.HttpHandler);

    /// <summary>Writes a line of plain text to standard output (never parsed as markup).</summary>
    public void WriteLine(string text) => Host.Out.WriteLine(text);

    /// <summary>Writes a line of plain text to standard error.</summary>
    public void WriteError(string text) => Host.Error.WriteLine(text);

    private IAnsiConsole CreateConsole()
    {
        var created = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Host.Out),
            Ansi = Host.OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Host.OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Host.InputIsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });

        // Piped into a file or less, a table should not wrap at the 80 columns Spectre assumes without a terminal.
        if (!Host.OutputIsTerminal)
        {
            created.Profile.Width = 200;
        }

        return created;
    }
}

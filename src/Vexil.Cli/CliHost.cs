namespace Vexil.Cli;

/// <summary>
/// What the CLI takes from the process it runs in: environment variables, the standard streams and the network.
/// Tests build one with captured writers and a fake environment, so many runs can share one test process without
/// touching its real environment.
/// </summary>
internal sealed class CliHost
{
    /// <summary>Reads an environment variable; null when it is not set.</summary>
    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    /// <summary>Standard output: answers, tables and JSON.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: what went wrong and what to do.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Standard input: where <c>vexil login</c> reads a token that was not given as an option.</summary>
    public required TextReader In { get; init; }

    /// <summary>True when standard output is a terminal, so tables may use colour and the terminal's width.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>True when standard input is a terminal, so <c>vexil login</c> may prompt without echoing.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>True for a real process, which handles Ctrl+C by cancelling the running command.</summary>
    public bool IsProcess { get; init; }

    /// <summary>The HTTP handler to send requests through; null for a new <see cref="SocketsHttpHandler"/> per run.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>The host of a real process: its environment, console streams and network.</summary>
    public static CliHost FromProcess() => new()
    {
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        OutputIsTerminal = !Console.IsOutputRedirected,
        InputIsTerminal = !Console.IsInputRedirected,
        IsProcess = true,
    };
}

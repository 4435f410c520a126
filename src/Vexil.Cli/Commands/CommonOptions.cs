using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Vexil.Cli.Commands;

/// <summary>Options and arguments several command groups share, so they are spelled and explained one way.</summary>
internal static class CommonOptions
{
    /// <summary>
    /// <c>--env</c> (also <c>--environment</c>), repeatable and comma-separated, as the server's environment names or
    /// aliases (<c>gstg</c>, <c>gprd</c>).
    /// </summary>
    public static Option<string[]> Environments(string description) => new("--env", "--environment")
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
        HelpName = "name",
    };

    /// <summary>The values of an <see cref="Environments"/> option, with comma lists split and blanks dropped.</summary>
    public static string[] Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();

    /// <summary>A positive numeric id argument (tokens, incidents, locks).</summary>
    public static Argument<long> Id(string what)
    {
        return new Argument<long>("id")
        {
            Description = $"The {what}'s id, as the list shows it.",
            CustomParser = result => WholeNumber(result, 0, long.MaxValue, $"The {what} id is a whole number, 0 or more"),
        };
    }

    /// <summary>
    /// Reads a whole number between <paramref name="min"/> and <paramref name="max"/>, or records
    /// <paramref name="message"/> as a parse error (exit 2). Used as a custom parser because validators run even
    /// after a failed conversion, and then cannot read the value.
    /// </summary>
    public static int WholeNumber(ArgumentResult result, int min, int max, string message) =>
        (int)WholeNumber(result, (long)min, max, message);

    private static long WholeNumber(ArgumentResult result, long min, long max, string message)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{message}, not '{text}'.");
        return min;
    }
}

using System.CommandLine;

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
        var id = new Argument<long>("id") { Description = $"The {what}'s id, as the list shows it." };
        id.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0)
            {
                result.AddError($"The {what} id must be 0 or more.");
            }
        });
        return id;
    }
}

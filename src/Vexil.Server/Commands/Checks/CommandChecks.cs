using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Checks;

/// <summary>The argument checks of each subcommand, in the order they run (GitLab's order first).</summary>
public static class CommandChecks
{
    /// <summary><c>feature set</c>: GitLab's checks 1 to 5, then Vexil's.</summary>
    public static readonly IReadOnlyList<ICommandCheck> Set =
    [
        new NameAndValueRequiredCheck(),
        new ValueIsValidCheck(),
        new PercentageNeedsModifierCheck(),
        new ModifierExcludesTargetsCheck(),
        new RandomDeprecationCheck(),
        new SingleModifierCheck(),
        new FlagNameCheck(),
    ];

    /// <summary><c>feature get</c> and <c>feature delete</c>.</summary>
    public static readonly IReadOnlyList<ICommandCheck> Named = [new NameRequiredCheck(), new FlagNameCheck()];

    /// <summary>The first refusal of <paramref name="checks"/>, or null.</summary>
    public static string? FirstRefusal(IReadOnlyList<ICommandCheck> checks, FeatureCommand command)
    {
        foreach (var check in checks)
        {
            if (check.Check(command) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }
}

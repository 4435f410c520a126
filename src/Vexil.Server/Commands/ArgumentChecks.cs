using Vexil.Core.Naming;
using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands;

/// <summary>
/// The argument checks: what a command's own words must satisfy before anything is read or written (GitLab's set
/// checks 1 to 5, then Vexil's input rules). Each check is one line, so they sit together in one table, in the order
/// they run; the first that answers is the refusal. Door policies (who may change what through this door) and guard
/// rails (what every door's change must pass) come later: see docs/commands.md.
/// </summary>
public static class ArgumentChecks
{
    /// <summary><c>feature set</c>: GitLab's checks 1 to 5, then Vexil's.</summary>
    public static readonly IReadOnlyList<Func<FeatureCommand, string?>> Set =
    [
        // GitLab 1: a name and a value are required.
        command => command.Name is null || command.Value is null ? CommandMessages.NameAndValueRequired : null,

        // GitLab 2: the value is true, false or 0 to 100.
        command => FeatureValue.TryParse(command.Value) is null ? CommandMessages.InvalidValue(command.Value ?? string.Empty) : null,

        // GitLab 3: a percentage strictly between 0 and 100 says whether it is of actors or of time.
        command => FeatureValue.TryParse(command.Value) is { IsPartial: true } && !command.Actors && !command.Random
            ? CommandMessages.PercentageNeedsModifier
            : null,

        // GitLab 4: a percentage applies to the whole flag, so it cannot be scoped to targets.
        command => (command.Actors || command.Random) && !command.Targets.IsEmpty ? CommandMessages.ModifierExcludesTargets : null,

        // GitLab 5: percentage of time flips within one request, so --random needs an explicit override.
        command => command.Random && !command.IgnoreRandomDeprecationCheck ? CommandMessages.RandomDeprecated : null,

        // Vexil: --actors and --random together would leave it to chance which gate is meant.
        command => command.Actors && command.Random ? CommandMessages.ActorsAndRandom : null,

        FlagNameFollowsTheRule,
    ];

    /// <summary><c>feature get</c> and <c>feature delete</c>.</summary>
    public static readonly IReadOnlyList<Func<FeatureCommand, string?>> Named =
    [
        // GitLab's get (and Vexil's delete): a name is required.
        command => command.Name is null ? CommandMessages.NameRequired(command.Subcommand.ToString().ToLowerInvariant()) : null,
        FlagNameFollowsTheRule,
    ];

    /// <summary>The first refusal of <paramref name="checks"/>, or null.</summary>
    public static string? FirstRefusal(IReadOnlyList<Func<FeatureCommand, string?>> checks, FeatureCommand command)
    {
        ArgumentNullException.ThrowIfNull(checks);
        foreach (var check in checks)
        {
            if (check(command) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    // Vexil: the name follows GitLab's definition rule, ^[a-z0-9]+(_[a-z0-9]+)*$.
    private static string? FlagNameFollowsTheRule(FeatureCommand command) =>
        command.Name is null ? null : FlagName.Validate(command.Name);
}

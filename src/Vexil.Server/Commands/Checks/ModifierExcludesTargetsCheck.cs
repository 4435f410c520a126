using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Checks;

/// <summary>GitLab's set check 4: a percentage applies to the whole flag, so it cannot be scoped to targets.</summary>
public sealed class ModifierExcludesTargetsCheck : ICommandCheck
{
    /// <inheritdoc />
    public string? Check(FeatureCommand command) =>
        (command.Actors || command.Random) && !command.Targets.IsEmpty ? CommandMessages.ModifierExcludesTargets : null;
}

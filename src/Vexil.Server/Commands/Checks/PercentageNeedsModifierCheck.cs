using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Checks;

/// <summary>GitLab's set check 3: a percentage strictly between 0 and 100 says whether it is of actors or of time.</summary>
public sealed class PercentageNeedsModifierCheck : ICommandCheck
{
    /// <inheritdoc />
    public string? Check(FeatureCommand command) =>
        FeatureValue.TryParse(command.Value) is { IsPartial: true } && !command.Actors && !command.Random
            ? CommandMessages.PercentageNeedsModifier
            : null;
}

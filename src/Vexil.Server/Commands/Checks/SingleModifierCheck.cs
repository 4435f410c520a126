using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Checks;

/// <summary>Vexil: <c>--actors</c> and <c>--random</c> together would leave it to chance which gate is meant.</summary>
public sealed class SingleModifierCheck : ICommandCheck
{
    /// <inheritdoc />
    public string? Check(FeatureCommand command) =>
        command.Actors && command.Random ? CommandMessages.ActorsAndRandom : null;
}

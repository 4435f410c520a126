using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Checks;

/// <summary>GitLab's set check 5: percentage of time flips within one request, so <c>--random</c> needs an explicit override.</summary>
public sealed class RandomDeprecationCheck : ICommandCheck
{
    /// <inheritdoc />
    public string? Check(FeatureCommand command) =>
        command.Random && !command.IgnoreRandomDeprecationCheck ? CommandMessages.RandomDeprecated : null;
}

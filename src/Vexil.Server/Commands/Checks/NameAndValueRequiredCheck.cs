using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Checks;

/// <summary>GitLab's set check 1: a name and a value are required.</summary>
public sealed class NameAndValueRequiredCheck : ICommandCheck
{
    /// <inheritdoc />
    public string? Check(FeatureCommand command) =>
        command.Name is null || command.Value is null ? CommandMessages.NameAndValueRequired : null;
}

using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Checks;

/// <summary>GitLab's get (and Vexil's delete): a name is required.</summary>
public sealed class NameRequiredCheck : ICommandCheck
{
    /// <inheritdoc />
    public string? Check(FeatureCommand command) =>
        command.Name is null ? CommandMessages.NameRequired(command.Subcommand.ToString().ToLowerInvariant()) : null;
}

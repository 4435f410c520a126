using Vexil.Core.Naming;
using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Checks;

/// <summary>Vexil: the name follows GitLab's definition rule, <c>^[a-z0-9]+(_[a-z0-9]+)*$</c>.</summary>
public sealed class FlagNameCheck : ICommandCheck
{
    /// <inheritdoc />
    public string? Check(FeatureCommand command) => command.Name is null ? null : FlagName.Validate(command.Name);
}

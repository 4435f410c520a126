using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Checks;

/// <summary>GitLab's set check 2: the value is <c>true</c>, <c>false</c> or 0 to 100.</summary>
public sealed class ValueIsValidCheck : ICommandCheck
{
    /// <inheritdoc />
    public string? Check(FeatureCommand command) =>
        FeatureValue.TryParse(command.Value) is null ? CommandMessages.InvalidValue(command.Value ?? string.Empty) : null;
}

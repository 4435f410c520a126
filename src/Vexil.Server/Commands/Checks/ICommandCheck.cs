using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Checks;

/// <summary>
/// One check of a command's arguments, before anything is read or written (GitLab's set checks 1 to 5, and Vexil's
/// own input rules). Checks are tiny and run in a fixed order; the first that answers wins.
/// </summary>
public interface ICommandCheck
{
    /// <summary>Null when the command passes; otherwise the refusal.</summary>
    string? Check(FeatureCommand command);
}

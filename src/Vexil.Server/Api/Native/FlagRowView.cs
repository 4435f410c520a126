using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>One row of the flags × environments matrix.</summary>
/// <param name="Name">The flag.</param>
/// <param name="Definition">Its definition (the last good one while its file is invalid), or null.</param>
/// <param name="Environments">Its state in each environment the token reads.</param>
/// <param name="DefinitionErrors">What is wrong with the flag's definition file; empty when it is fine.</param>
public sealed record FlagRowView(string Name, DefinitionView? Definition, IReadOnlyList<FlagEnvironmentView> Environments, IReadOnlyList<string> DefinitionErrors);

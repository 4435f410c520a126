using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>One row of the flags × environments matrix.</summary>
public sealed record FlagRowView(string Name, DefinitionView? Definition, IReadOnlyList<FlagEnvironmentView> Environments);

using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>The flags × environments matrix.</summary>
public sealed record FlagMatrixView(IReadOnlyList<string> Environments, IReadOnlyList<FlagRowView> Flags);

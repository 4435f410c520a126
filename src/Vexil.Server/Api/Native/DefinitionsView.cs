using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>Definitions and the files that failed to load.</summary>
public sealed record DefinitionsView(IReadOnlyList<DefinitionView> Definitions, IReadOnlyList<DefinitionError> Errors);

using Vexil.Core.State;
using Vexil.Definitions;

namespace Vexil.Server.Lifecycle;

/// <summary>What <see cref="StaleFlagJudge"/> looks at, read from the server's sources (or built by a test).</summary>
/// <param name="Definitions">The loaded definitions.</param>
/// <param name="Environments">Every environment, in configured order.</param>
/// <param name="StoredStates">Per environment, the flags stored there and their state.</param>
/// <param name="LastChange">When a flag was last changed in any environment, from the audit trail; null when never.</param>
/// <param name="Evaluations">The SDKs' evaluation counts.</param>
/// <param name="Options">Lifetimes and N.</param>
/// <param name="Now">The moment to judge at.</param>
public sealed record StaleFlagInputs(
    DefinitionCatalog Definitions,
    IReadOnlyList<string> Environments,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, FlagState>> StoredStates,
    Func<string, CancellationToken, Task<DateTimeOffset?>> LastChange,
    IEvaluationActivity Evaluations,
    LifecycleOptions Options,
    DateTimeOffset Now);

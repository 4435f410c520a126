using Vexil.Server.Changes;

namespace Vexil.Server.Api.Transfer;

/// <summary>What an import does, or would do, to one flag.</summary>
/// <param name="Name">The flag.</param>
/// <param name="Action"><c>create</c> (not stored yet), <c>update</c>, or <c>unchanged</c>.</param>
/// <param name="Defined">False for a flag without a definition: imported all the same, and reported.</param>
/// <param name="Before">The stored state before, or null when not stored.</param>
/// <param name="After">The state the file gives it.</param>
/// <param name="Outcome"><c>planned</c> (dry run), <c>applied</c>, <c>refused</c> or <c>skipped</c> (unchanged).</param>
/// <param name="Message">The refusal, or a note (e.g. gates dropped because the flag is fully on).</param>
public sealed record ImportPlanEntry(string Name, string Action, bool Defined, GateValues? Before, GateValues After, string Outcome, string? Message = null);

namespace Vexil.Server.Rollouts.Checklist;

/// <summary>One item of a flag's rollout checklist, computed from live state.</summary>
/// <param name="Key">A stable key, e.g. <c>global_production</c>.</param>
/// <param name="Title">The item as the checklist says it.</param>
/// <param name="State"><c>done</c>, <c>not_done</c> or <c>unknown</c>.</param>
/// <param name="Evidence">What the state rests on: an audit event, a definition file, a deployment, or why it is unknown.</param>
public sealed record ChecklistItem(string Key, string Title, string State, string Evidence)
{
    /// <summary>Done, with evidence.</summary>
    public const string Done = "done";

    /// <summary>Not done yet.</summary>
    public const string NotDone = "not_done";

    /// <summary>Vexil cannot tell (e.g. deployments are not recorded).</summary>
    public const string Unknown = "unknown";
}

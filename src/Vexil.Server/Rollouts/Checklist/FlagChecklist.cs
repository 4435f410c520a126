using System.Globalization;
using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Deployments;
using Vexil.Server.Environments;
using Vexil.Server.Lifecycle;
using Vexil.Server.Repository;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Rollouts.Checklist;

/// <summary>
/// Computes the seeds' rollout checklist from live state: the definition, the snapshots, the audit trail, rollout
/// plans and (when recorded) deployments. Each item is done, not done or unknown, with the evidence.
/// </summary>
public sealed class FlagChecklist(
    DefinitionRegistry definitions,
    SnapshotCache snapshots,
    EnvironmentCatalog environments,
    IFlagStore flags,
    IRolloutStore rollouts,
    TimeProvider time,
    IDeploymentStore deployments,
    RepositoryMirror mirror,
    MergeRequestLocator mergeRequests,
    FlagReferenceCounts references)
{
    /// <summary>The seeds' verification period after the global enable.</summary>
    public static readonly TimeSpan VerificationPeriod = TimeSpan.FromDays(1);

    /// <summary>The checklist of <paramref name="flag"/>.</summary>
    public async Task<FlagChecklistView> BuildAsync(string flag, CancellationToken cancellationToken = default)
    {
        var definition = definitions.Current.TryGet(flag, out var found) ? found : null;
        var history = await HistoryAsync(flag, cancellationToken);
        var nonProduction = environments.All.Where(environment => !environment.IsProtected).ToArray();
        var production = environments.All.Where(environment => environment.IsProtected).ToArray();
        var now = time.GetUtcNow();
        var items = new List<ChecklistItem>
        {
            definition is null
                ? new("definition_exists", "The flag's definition exists", ChecklistItem.NotDone, "No definition of this name is loaded.")
                : new("definition_exists", "The flag's definition exists", ChecklistItem.Done, $"{definition.RelativePath} (group {definition.Group}, milestone {definition.Milestone})."),
            await DeployedAsync(definition, cancellationToken),
            Ever("partial_non_production", "Enabled for some actors or a percentage on non-production", history, nonProduction, IsPartial),
            Global("global_non_production", "Enabled globally on non-production", nonProduction, flag),
            Ever("actors_production", "Enabled for specific actors on production", history, production, state => state.Actors.Any(actor => !actor.EndsWith(FlagState.OptOutSuffix, StringComparison.Ordinal)) || !state.Groups.IsEmpty),
            Ever("percentage_production", "Enabled for a percentage on production", history, production, state => state.PercentageOfActors.IsEnabled || state.PercentageOfTime.IsEnabled),
        };

        var (globalItem, globalSince) = GlobalProduction(flag, history, production, now);
        items.Add(globalItem);
        items.Add(globalSince is { } since
            ? now - since >= VerificationPeriod
                ? new("verification_over", "The verification period (one day) is over", ChecklistItem.Done, $"Enabled globally on production since {Time(since)}, {Days(now - since)}.")
                : new("verification_over", "The verification period (one day) is over", ChecklistItem.NotDone, $"Enabled globally on production since {Time(since)}; {Hours(since + VerificationPeriod - now)} to go.")
            : new("verification_over", "The verification period (one day) is over", ChecklistItem.NotDone, "The flag is not enabled globally on production yet."));
        items.Add(definition is null
            ? new("default_enabled", "default_enabled: true is in the definition", ChecklistItem.Unknown, "No definition is loaded.")
            : new("default_enabled", "default_enabled: true is in the definition", definition.DefaultEnabled ? ChecklistItem.Done : ChecklistItem.NotDone, $"{definition.RelativePath} has default_enabled: {(definition.DefaultEnabled ? "true" : "false")}."));
        items.Add(CodeRemoved(flag));
        var stored = environments.All.Where(environment => snapshots.Get(environment.Name).GetState(flag) is not null).Select(environment => environment.Name).ToArray();
        items.Add(stored.Length == 0
            ? new("state_deleted", "The flag's state is deleted everywhere", history.Count == 0 ? ChecklistItem.NotDone : ChecklistItem.Done, history.Count == 0 ? "The flag was never stored anywhere." : "No environment stores a state for it.")
            : new("state_deleted", "The flag's state is deleted everywhere", ChecklistItem.NotDone, $"Still stored on {string.Join(", ", stored)}."));
        items.Add(definition is not null
            ? new("definition_removed", "The definition is removed", ChecklistItem.NotDone, $"{definition.RelativePath} is still loaded.")
            : history.Count > 0
                ? new("definition_removed", "The definition is removed", ChecklistItem.Done, "No definition is loaded, and the audit trail shows the flag was used.")
                : new("definition_removed", "The definition is removed", ChecklistItem.Unknown, "No definition is loaded and the flag was never changed: it may never have existed."));

        var plans = await rollouts.ListAsync(activeOnly: true, 1000, cancellationToken);
        return new FlagChecklistView(flag, items, [.. plans.Where(plan => plan.Flag == flag)]) { Definition = definition };
    }

    private static bool IsPartial(FlagState state) =>
        !state.Boolean && (state.PercentageOfActors.IsEnabled || state.PercentageOfTime.IsEnabled || !state.Groups.IsEmpty
            || state.Actors.Any(actor => !actor.EndsWith(FlagState.OptOutSuffix, StringComparison.Ordinal)));

    // Done when every environment with a recorded deployment runs the introducing MR's merge commit; not done when one
    // runs a deployment without it (or the MR is not merged); unknown, saying what is missing, when Vexil cannot tell:
    // no MR in the definition, no repository mirror, or no deployment recorded anywhere.
    private async Task<ChecklistItem> DeployedAsync(FlagDefinition? definition, CancellationToken cancellationToken)
    {
        const string key = "deployed";
        const string title = "The introducing merge request is deployed to each environment";
        if (MergeRequestReference.TryParse(definition?.IntroducedByUrl) is not { } mergeRequest)
        {
            return new(key, title, ChecklistItem.Unknown, "The definition names no introducing merge request (introduced_by_url).");
        }

        if (!mirror.IsConfigured)
        {
            return new(key, title, ChecklistItem.Unknown, "No repository is configured (Vexil:Repository:Url), so Vexil cannot tell which deployments contain it; check with `auto_deploy status`.");
        }

        if (!mirror.IsLoaded)
        {
            return new(key, title, ChecklistItem.Unknown, $"The mirror of `{mirror.Options.DisplayName}` has not been fetched yet.");
        }

        var answer = await mergeRequests.LocateAsync(mergeRequest.Project, mergeRequest.Iid, cancellationToken);
        if (answer.State == MergeRequestState.NotMerged)
        {
            return new(key, title, ChecklistItem.NotDone, $"{mergeRequest.Reference} has not been merged as yet.");
        }

        if (answer.State != MergeRequestState.Merged || !mirror.Graph.Has(answer.CommitSha!))
        {
            return new(key, title, ChecklistItem.Unknown, $"Vexil cannot tell which commit merged {mergeRequest.Reference}{(answer.Detail is null ? "." : $": {answer.Detail}.")}");
        }

        var containing = mirror.Graph.DescendantsOf(answer.CommitSha!);
        List<string> running = [], missing = [], unknown = [], unrecorded = [];
        foreach (var environment in environments.All)
        {
            if (await deployments.GetLastSuccessfulAsync(environment.Name, cancellationToken) is not { } last)
            {
                unrecorded.Add(environment.Name);
                continue;
            }

            var where = $"{environment.Name} ({last.Sha[..Math.Min(8, last.Sha.Length)]} at {Time(last.FinishedAt)})";
            (containing.Contain(last.Sha) switch { true => running, false => missing, null => unknown }).Add(where);
        }

        var evidence = string.Join(" ", new[]
        {
            running.Count > 0 ? $"Runs it: {string.Join(", ", running)}." : null,
            missing.Count > 0 ? $"Does not run it yet: {string.Join(", ", missing)}." : null,
            unknown.Count > 0 ? $"Last deployment not in the mirror: {string.Join(", ", unknown)}." : null,
            unrecorded.Count > 0 ? $"No deployment recorded: {string.Join(", ", unrecorded)}." : null,
        }.Where(part => part is not null));
        var state = missing.Count > 0 ? ChecklistItem.NotDone
            : running.Count > 0 && unknown.Count == 0 ? ChecklistItem.Done
            : ChecklistItem.Unknown;
        return new(key, title, state, evidence);
    }

    // From the scan of the repository's default branch after the mirror's last fetch (Lifecycle/FlagReferenceCounts);
    // unknown until a scan has run, since "no scan" must not read as "no references".
    private ChecklistItem CodeRemoved(string flag)
    {
        const string key = "code_removed";
        const string title = "The flag is no longer read by code";
        if (references.Count(flag) is not { } count)
        {
            return new(key, title, ChecklistItem.Unknown, mirror.IsConfigured
                ? $"The default branch of `{mirror.Options.DisplayName}` has not been scanned yet (it is after each fetch)."
                : "No repository is configured (Vexil:Repository:Url); `vexil scan --flag NAME` lists the references in a checkout.");
        }

        var scan = $"scan of {references.Revision} at {Time(references.ScannedAt!.Value)}";
        return count == 0
            ? new(key, title, ChecklistItem.Done, $"No references ({scan}).")
            : new(key, title, ChecklistItem.NotDone, $"Code still reads it in {count} place{(count == 1 ? string.Empty : "s")} ({scan}); `vexil scan --flag {flag}` lists them.");
    }

    private static ChecklistItem Ever(string key, string title, IReadOnlyList<AuditEvent> history, IReadOnlyList<VexilEnvironment> where, Func<FlagState, bool> holds)
    {
        var names = where.Select(environment => environment.Name).ToHashSet(StringComparer.Ordinal);
        var first = history.FirstOrDefault(change => names.Contains(change.Environment) && change.After is { } after && holds(after));
        return first is null
            ? new(key, title, ChecklistItem.NotDone, where.Count == 0 ? "No such environment is configured." : $"No change on {string.Join(", ", names)} did this yet.")
            : new(key, title, ChecklistItem.Done, $"{first.Environment}: {first.Action} by {first.User} via {first.Via} at {Time(first.OccurredAt)} (audit event {first.Id}).");
    }

    // Done when every non-production environment the flag was rolled out to (has a stored state in) is fully on: a
    // team need not use every configured environment (the seeds skip ops).
    private ChecklistItem Global(string key, string title, IReadOnlyList<VexilEnvironment> where, string flag)
    {
        var stored = where.Where(environment => snapshots.Get(environment.Name).GetState(flag) is not null).ToArray();
        if (stored.Length == 0)
        {
            return new(key, title, ChecklistItem.NotDone, "The flag is not stored on any non-production environment.");
        }

        var missing = stored.Where(environment => snapshots.Get(environment.Name).GetState(flag) is not { Boolean: true }).Select(environment => environment.Name).ToArray();
        return missing.Length == 0
            ? new(key, title, ChecklistItem.Done, $"Enabled globally on {string.Join(", ", stored.Select(environment => environment.Name))}.")
            : new(key, title, ChecklistItem.NotDone, $"Not enabled globally on {string.Join(", ", missing)}.");
    }

    private (ChecklistItem Item, DateTimeOffset? Since) GlobalProduction(string flag, IReadOnlyList<AuditEvent> history, IReadOnlyList<VexilEnvironment> production, DateTimeOffset now)
    {
        const string key = "global_production";
        const string title = "Enabled globally on production";
        if (production.Count == 0)
        {
            return (new(key, title, ChecklistItem.Unknown, "No protected environment is configured."), null);
        }

        // Production proper: the default environment when it is protected (a canary is protected too, but is not it),
        // else the last protected one in rollout order.
        var environment = (production.Contains(environments.Default) ? environments.Default : production[^1]).Name;
        if (snapshots.Get(environment).GetState(flag) is not { Boolean: true })
        {
            return (new(key, title, ChecklistItem.NotDone, $"Not enabled globally on {environment}."), null);
        }

        // Since the last change that turned the boolean gate on.
        var since = history.LastOrDefault(change => change.Environment == environment && change.After is { Boolean: true } && change.Before is not { Boolean: true });
        return since is null
            ? (new(key, title, ChecklistItem.Done, $"Enabled globally on {environment}."), null)
            : (new(key, title, ChecklistItem.Done, $"Enabled globally on {environment} since {Time(since.OccurredAt)} by {since.User} via {since.Via}, for {Days(now - since.OccurredAt)}."), since.OccurredAt);
    }

    // The flag's changes, oldest first (the most recent few thousand are plenty for one flag's rollout).
    private async Task<IReadOnlyList<AuditEvent>> HistoryAsync(string flag, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        for (var page = 1; page <= 10; page++)
        {
            var answer = await flags.QueryAuditAsync(new AuditQuery(Flag: flag, Page: page, PageSize: AuditQuery.MaxPageSize), cancellationToken);
            events.AddRange(answer.Events);
            if (answer.Events.Count < AuditQuery.MaxPageSize)
            {
                break;
            }
        }

        events.Reverse();
        return events;
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Days(TimeSpan span) => span.TotalDays >= 1 ? $"{Math.Floor(span.TotalDays).ToString(CultureInfo.InvariantCulture)} day(s)" : Hours(span);

    private static string Hours(TimeSpan span) => $"{Math.Max(0, Math.Ceiling(span.TotalHours)).ToString(CultureInfo.InvariantCulture)} hour(s)";
}

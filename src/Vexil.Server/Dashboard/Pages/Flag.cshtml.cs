using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vexil.Server.Auth;
using Vexil.Server.Commands;
using Vexil.Server.Commands.Execution;
using Vexil.Server.Dashboard.Editing;
using Vexil.Server.Dashboard.Views;
using Vexil.Server.Definitions;
using Vexil.Server.Deployments;
using Vexil.Server.Environments;
using Vexil.Server.Lifecycle;
using Vexil.Server.Rollouts;
using Vexil.Server.Rollouts.Checklist;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Dashboard.Pages;

/// <summary>
/// <c>/dashboard/flags/{name}</c>: one flag's definition, its gates per environment, where its rollout stands, its
/// rollout chart and audit timeline, and the edit forms the signed-in token may use. Edits run as <c>feature set</c>
/// commands through <see cref="FeatureCommandExecutor"/>, so the guard rails and their refusals are the same as chat's;
/// so do the rollout plan buttons (<c>feature rollout pause|resume|abort</c>).
/// </summary>
public sealed class FlagModel(
    SnapshotCache snapshots,
    DefinitionRegistry definitions,
    EnvironmentCatalog environments,
    IFlagStore store,
    IRolloutStore rollouts,
    IDeploymentStore deployments,
    FlagChecklist checklist,
    IOptionsMonitor<LifecycleOptions> lifecycle,
    FeatureCommandExecutor executor,
    TimeProvider clock) : PageModel
{
    /// <summary>How many finished plans the page shows below the active ones.</summary>
    public const int RecentPlans = 5;

    /// <summary>How many of the latest deployments the timeline shows.</summary>
    public const int TimelineDeployments = 20;

    /// <summary>The controls a plan's buttons post, as <c>feature rollout</c> names them.</summary>
    public static readonly IReadOnlySet<string> RolloutActions = new HashSet<string>(StringComparer.Ordinal) { "pause", "resume", "abort" };

    /// <summary>The flag's name.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The signed-in token.</summary>
    public TokenPrincipal? Token { get; private set; }

    /// <summary>The definition, or null.</summary>
    public FlagDefinition? Definition { get; private set; }

    /// <summary>The definition file's problems.</summary>
    public IReadOnlyList<DefinitionError> Problems { get; private set; } = [];

    /// <summary>The environments the token may read, with the flag's state there.</summary>
    public IReadOnlyList<FlagEnvironmentView> Environments { get; private set; } = [];

    /// <summary>The flag's rollout plans in the environments the token may read: active ones first, then the latest finished.</summary>
    public IReadOnlyList<RolloutPlan> Plans { get; private set; } = [];

    /// <summary>The rollout checklist computed from live state (the same as <c>GET /api/v1/flags/{name}/checklist</c>).</summary>
    public FlagChecklistView? Checklist { get; private set; }

    /// <summary>When the definition's lifetime ends by the lifecycle's rule, or null when it has none.</summary>
    public DateTimeOffset? LifetimeEnd { get; private set; }

    /// <summary>The time the page was built.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>A step's percentage as the page shows it, e.g. <c>25%</c>.</summary>
    public static string Percent(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>The rollout step reached, 0 to 7 (<see cref="RolloutStage"/>).</summary>
    public int Stage { get; private set; }

    /// <summary>The audit trail of the flag, newest first: changes and refused attempts.</summary>
    public IReadOnlyList<AuditEntry> Timeline { get; private set; } = [];

    /// <summary>The rollout chart's SVG (encoded markup), or empty.</summary>
    public string Chart { get; private set; } = string.Empty;

    /// <summary>The answer to the last edit, if any.</summary>
    public string? Outcome { get; private set; }

    /// <summary>True when the last edit succeeded.</summary>
    public bool OutcomeOk { get; private set; }

    /// <summary>The environment the last edit was for.</summary>
    public string? OutcomeEnvironment { get; private set; }

    /// <summary>Shows the page.</summary>
    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        if (HttpContext.GetDashboardUser() is null)
        {
            return Redirect("/");
        }

        return await LoadAsync(name, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>
    /// Applies one edit form and shows the page again with the answer. A refusal or a form mistake is answered 200 with
    /// the sentence on the page, as a form page does (a 4xx would only add a console error to what the person reads);
    /// only a post the page never offers (a token without the right) is 403.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(string name, [FromForm] FlagEditForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (HttpContext.GetDashboardUser() is not { } token)
        {
            return Redirect("/");
        }

        var environment = environments.Resolve(form.Environment);
        int status;
        if (environment is null)
        {
            (Outcome, status) = (environments.UnknownEnvironmentMessage(form.Environment), StatusCodes.Status200OK);
        }
        else if (!token.CanWrite(environment))
        {
            (Outcome, status) = ($"The token '{token.Name}' may not change feature flags on {environment.Name}: sign in with an admin token, or a write token scoped to {environment.Name}.", StatusCodes.Status403Forbidden);
        }
        else if (environment.IsProtected && !string.Equals(form.Confirm?.Trim(), name, StringComparison.Ordinal))
        {
            (Outcome, status) = ($"{environment.Name} is protected: type the flag's name ({name}) in the confirmation field to change it.", StatusCodes.Status200OK);
        }
        else if (FlagEditCommand.Build(name, environment, form) is { Error: { } error })
        {
            (Outcome, status) = (error, StatusCodes.Status200OK);
        }
        else
        {
            await RunCommandAsync(FlagEditCommand.Build(name, environment, form).Command!, token, cancellationToken);
            status = StatusCodes.Status200OK;
        }

        OutcomeEnvironment = environment?.Name ?? form.Environment;
        if (!await LoadAsync(name, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    /// <summary>
    /// Pauses, resumes or aborts the flag's plan in one environment through <c>feature rollout ACTION NAME --ENV</c>, the
    /// command chat runs, so the door's policies apply and a refusal is shown as chat shows it. Resuming a plan on a
    /// protected environment raises exposure there, so it asks for the flag's name as the edit forms do; pausing and
    /// aborting never do, since they stop a rollout and must not be slowed down when something goes wrong.
    /// </summary>
    public async Task<IActionResult> OnPostRolloutAsync(string name, [FromForm] string? environment, [FromForm] string? rolloutAction, [FromForm] string? confirm, CancellationToken cancellationToken)
    {
        if (HttpContext.GetDashboardUser() is not { } token)
        {
            return Redirect("/");
        }

        var resolved = environments.Resolve(environment ?? string.Empty);
        int status = StatusCodes.Status200OK;
        if (resolved is null)
        {
            Outcome = environments.UnknownEnvironmentMessage(environment ?? string.Empty);
        }
        else if (!token.CanWrite(resolved))
        {
            (Outcome, status) = ($"The token '{token.Name}' may not control rollout plans on {resolved.Name}: sign in with an admin token, or a write token scoped to {resolved.Name}.", StatusCodes.Status403Forbidden);
        }
        else if (rolloutAction is null || !RolloutActions.Contains(rolloutAction))
        {
            Outcome = $"'{rolloutAction}' is not a rollout plan control: use pause, resume or abort.";
        }
        else if (rolloutAction == "resume" && resolved.IsProtected && !string.Equals(confirm?.Trim(), name, StringComparison.Ordinal))
        {
            Outcome = $"{resolved.Name} is protected: type the flag's name ({name}) in the confirmation field to resume its rollout plan.";
        }
        else
        {
            await RunCommandAsync($"feature rollout {rolloutAction} {name} --{resolved.Name}", token, cancellationToken);
        }

        OutcomeEnvironment = resolved?.Name ?? environment;
        if (!await LoadAsync(name, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    /// <summary>The form fields that remove a stored actor entry, or null (see <see cref="FlagEditCommand.RemovalOf"/>).</summary>
    public static (string Action, string Kind, string Target)? RemovalOf(string actorEntry) => FlagEditCommand.RemovalOf(actorEntry);

    // Runs a `feature` command as the signed-in token through the same executor chat uses, and shows its answer.
    private async Task RunCommandAsync(string command, TokenPrincipal token, CancellationToken cancellationToken)
    {
        var result = await executor.ExecuteAsync(
            new CommandRequest(command, ChangeChannels.Dashboard)
            {
                Principal = token,
                UserName = token.Name,
                ClientAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
                RequestId = HttpContext.TraceIdentifier,
            },
            null,
            cancellationToken);
        Outcome = result.ToPlainText();
        OutcomeOk = result.Ok;
    }

    private async Task<bool> LoadAsync(string name, CancellationToken cancellationToken)
    {
        Name = name;
        Now = clock.GetUtcNow();
        Token = HttpContext.GetDashboardUser()!;
        var catalog = definitions.Current;
        Definition = catalog.TryGet(name, out var definition) ? definition : null;
        LifetimeEnd = Definition is null ? null : LifetimeMark.EndOf(Definition, lifecycle.CurrentValue);
        Problems = catalog.HasErrors ? catalog.ProblemsOf(name) : [];
        bool? defaultEnabled = Definition?.DefaultEnabled;
        var readable = environments.All.Where(Token.CanRead).ToList();
        Environments = readable.Select(environment =>
        {
            var state = snapshots.Get(environment.Name).GetState(name);
            return new FlagEnvironmentView(
                environment,
                state,
                CellSummary.Of(state, defaultEnabled),
                GateDescription.Of(state, defaultEnabled, environment.Name),
                Token.CanWrite(environment));
        }).ToList();
        Stage = RolloutStage.Of(environments.All.Select(environment => (environment, snapshots.Get(environment.Name).GetState(name))).ToList(), defaultEnabled);

        var readableNames = readable.Select(environment => environment.Name).ToHashSet(StringComparer.Ordinal);
        var page = await store.QueryAuditAsync(new AuditQuery(Flag: name, PageSize: AuditQuery.MaxPageSize, IncludeAttempts: true), cancellationToken);
        Timeline = page.Entries
            .Where(entry => (entry.Change?.Environment ?? entry.Record?.Environment) is not { } environment || readableNames.Contains(environment))
            .ToList();
        var changes = Timeline.Where(entry => entry.Change is not null).Select(entry => entry.Change!).ToList();
        Chart = RolloutChart.Render(changes, readable.Select(environment => environment.Name).ToList(), clock.GetUtcNow());

        // The store lists plans of every flag, newest first; a flag's page reads the latest few hundred, enough for its own.
        var plans = (await rollouts.ListAsync(activeOnly: false, 500, cancellationToken))
            .Where(plan => plan.Flag == name && readableNames.Contains(plan.Environment))
            .ToList();
        Plans = [.. plans.Where(plan => plan.IsActive), .. plans.Where(plan => !plan.IsActive).Take(RecentPlans)];
        Checklist = await checklist.BuildAsync(name, cancellationToken);

        // Deployments have no flag: the timeline shows the latest ones to the readable environments, from the flag's
        // first recorded entry on, beside the changes they came between.
        var first = Timeline.Count > 0 ? Timeline[^1].OccurredAt : (DateTimeOffset?)null;
        var deployed = first is null
            ? []
            : (await deployments.ListAsync(null, null, null, TimelineDeployments, cancellationToken))
                .Where(deployment => readableNames.Contains(deployment.Environment) && deployment.FinishedAt >= first)
                .Select(TimelineEntries.Of);
        Timeline = [.. Timeline.Concat(deployed).Concat(Plans.SelectMany(TimelineEntries.Of)).OrderByDescending(entry => entry.OccurredAt)];

        // A name nobody defined, stored or changed is a typo in the address: 404 rather than an empty page.
        return Definition is not null || Problems.Count > 0 || Environments.Any(view => view.State is not null) || Timeline.Count > 0;
    }
}

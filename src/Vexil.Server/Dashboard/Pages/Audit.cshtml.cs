using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vexil.Server.Dashboard.Views;
using Vexil.Server.Environments;
using Vexil.Server.Rollouts;
using Vexil.Server.Storage;

namespace Vexil.Server.Dashboard.Pages;

/// <summary>
/// <c>/dashboard/audit</c>: every change, filterable by flag, environment, user and time; attempts a guard rail or a
/// policy refused are listed apart from the changes. Deployments and rollout plans (their start and end; their steps are
/// changes already) join the changes, marked as such.
/// </summary>
public sealed class AuditModel(IFlagStore store, IRolloutStore rollouts, EnvironmentCatalog environments) : PageModel
{
    /// <summary>The page size of each list.</summary>
    public const int PageSize = 100;

    /// <summary>The flag filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Flag { get; set; }

    /// <summary>The environment filter (name or alias).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Environment { get; set; }

    /// <summary>The user filter (exact).</summary>
    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    /// <summary>From this day (UTC, inclusive), <c>yyyy-MM-dd</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>To this day (UTC, inclusive), <c>yyyy-MM-dd</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The environments the token may read.</summary>
    public IReadOnlyList<VexilEnvironment> Environments { get; private set; } = [];

    /// <summary>The accepted changes, deployments and rollout plans' starts and ends, newest first.</summary>
    public IReadOnlyList<AuditEntry> Changes { get; private set; } = [];

    /// <summary>The refused attempts, newest first.</summary>
    public IReadOnlyList<AuditEntry> Attempts { get; private set; } = [];

    /// <summary>A filter error to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the page.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.GetDashboardUser() is not { } token)
        {
            return Redirect("/");
        }

        Environments = environments.All.Where(token.CanRead).ToList();
        string? environment = null;
        if (!string.IsNullOrWhiteSpace(Environment))
        {
            var resolved = environments.Resolve(Environment.Trim());
            if (resolved is null || !token.CanRead(resolved))
            {
                Error = resolved is null ? environments.UnknownEnvironmentMessage(Environment) : $"The token '{token.Name}' may not read {resolved.Name}; choose another environment.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            environment = resolved.Name;
        }

        if (!TryDay(From, "From", out var from) || !TryDay(To, "To", out var to))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var filter = new AuditQuery(
            Flag: Blank(Flag),
            Environment: environment,
            User: Blank(UserName),
            From: from,
            To: to?.AddDays(1),
            PageSize: AuditQuery.MaxPageSize,
            IncludeAttempts: true,
            IncludeDeployments: true);
        var page = await store.QueryAuditAsync(filter, cancellationToken);
        var readable = Environments.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

        // Plans are not audit rows: the same filters apply to them here (user is who started the plan).
        var plans = (await rollouts.ListAsync(activeOnly: false, 500, cancellationToken))
            .Where(plan => (filter.Flag is null || plan.Flag == filter.Flag) && (filter.Environment is null || plan.Environment == filter.Environment)
                           && (filter.User is null || plan.CreatedBy == filter.User))
            .SelectMany(TimelineEntries.Of)
            .Where(entry => (filter.From is null || entry.OccurredAt >= filter.From) && (filter.To is null || entry.OccurredAt < filter.To));
        var visible = page.Entries.Concat(plans)
            .Where(entry => (entry.Change?.Environment ?? entry.Record?.Environment) is not { } env || readable.Contains(env))
            .OrderByDescending(entry => entry.OccurredAt)
            .ToList();
        Changes = visible.Where(entry => entry.Kind != AuditKinds.Attempt).Take(PageSize).ToList();
        Attempts = visible.Where(entry => entry.Kind == AuditKinds.Attempt).Take(PageSize).ToList();
        return Page();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private bool TryDay(string? text, string field, out DateTimeOffset? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            day = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        Error = $"{field} is '{text}': give a day as yyyy-MM-dd (e.g. 2025-01-31).";
        return false;
    }
}

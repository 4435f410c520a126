using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vexil.Server.Auth;
using Vexil.Server.Dashboard.Views;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;

namespace Vexil.Server.Dashboard.Pages;

/// <summary><c>/</c>: the overview when signed in, the sign-in page (with the API links for newcomers) otherwise.</summary>
public sealed class IndexModel(OverviewBuilder overview, StaleFlagCache staleFlags, EnvironmentCatalog environments, DefinitionRegistry definitions) : PageModel
{
    /// <summary>The signed-in token, or null.</summary>
    public TokenPrincipal? Token { get; private set; }

    /// <summary>The environments shown: all of them signed out (the sign-in page lists them), else those the token may read.</summary>
    public IReadOnlyList<VexilEnvironment> Environments { get; private set; } = environments.All;

    /// <summary>The rows that pass the filters.</summary>
    public IReadOnlyList<OverviewRow> Rows { get; private set; } = [];

    /// <summary>The filters, as given in the query string.</summary>
    public OverviewFilter Filter { get; private set; } = new(null, null, null, null);

    /// <summary>The definition types the type filter offers.</summary>
    public IReadOnlyList<string> Types { get; } = DefinitionType.All.Select(type => type.Name).ToList();

    /// <summary>The groups of the loaded definitions, for the group filter.</summary>
    public IReadOnlyList<string> Groups { get; private set; } = [];

    /// <summary>Why the stale filter could not be applied, or null.</summary>
    public string? StaleError { get; private set; }

    /// <summary>The sign-in error, when the pasted token was refused.</summary>
    public string? SignInError { get; private set; }

    /// <summary>
    /// Shows the overview or the sign-in page. The stale filter waits for a judgement at most a minute old; without it
    /// the marks are the last judgement's, so the plain overview never waits on the database.
    /// </summary>
    public async Task OnGetAsync(string? q, string? type, string? group, string? state, string? stale, CancellationToken cancellationToken)
    {
        Token = HttpContext.GetDashboardUser();
        if (Token is null)
        {
            return;
        }

        Filter = new OverviewFilter(q, type, group, state) { StaleOnly = stale is "1" or "true" or "on" };
        Environments = environments.All.Where(Token.CanRead).ToList();
        Groups = definitions.Current.Definitions.Select(definition => definition.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        IReadOnlyDictionary<string, Lifecycle.StaleFlag>? judged;
        try
        {
            judged = Filter.StaleOnly ? await staleFlags.GetAsync(cancellationToken) : staleFlags.Peek();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The judgement reads the audit trail: with the database away, say so rather than list every flag as if none were stale.
            StaleError = $"Vexil could not judge which flags are stale ({exception.Message}); try again, or clear the Stale only filter to see every flag.";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        Rows = overview.Build(Filter, Environments, judged);
    }

    /// <summary>Signs in with a pasted token.</summary>
    public async Task<IActionResult> OnPostSignInAsync([FromForm] string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            SignInError = "Paste an API token (it starts with vxl_) into the field, then sign in.";
        }
        else if (await DashboardSession.AuthenticateAsync(HttpContext, token) is not { } principal)
        {
            SignInError = "That token is not valid: it is unknown, revoked or expired. Paste a current token, or ask an admin for one (vexil tokens create).";
        }
        else if (!DashboardSession.CanReadFlags(principal))
        {
            // A metrics or deployments token reads no environment: a session would show an empty page and no reason.
            SignInError = $"The token '{principal.Name}' is a {principal.Kind.ToString().ToLowerInvariant()} token, which cannot read feature flags, so it cannot sign in to the dashboard. Sign in with a read, write or admin token (vexil tokens create NAME --kind read).";
        }
        else if (await DashboardSession.SignInAsync(HttpContext, token) is null)
        {
            SignInError = "That token is not valid: it is unknown, revoked or expired. Paste a current token, or ask an admin for one (vexil tokens create).";
        }
        else
        {
            return Redirect("/");
        }

        // 200 with the sentence on the page, as a form page answers a mistake.
        return Page();
    }

    /// <summary>Ends the session.</summary>
    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await DashboardSession.SignOutAsync(HttpContext);
        return Redirect("/");
    }
}

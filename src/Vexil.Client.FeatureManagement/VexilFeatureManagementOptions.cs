using Microsoft.AspNetCore.Http;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Vexil.Client.FeatureManagement;

/// <summary>How Microsoft.FeatureManagement's contexts become Vexil actors (configured in code with <c>AddVexil(options => ...)</c>: mappings are code, not settings).</summary>
public sealed class VexilFeatureManagementOptions
{
    /// <summary>
    /// Actors for <c>IsEnabledAsync(name, targetingContext)</c>. Default: the user id as a flipper id (<c>User:42</c> as is;
    /// a bare <c>42</c> becomes <c>User:42</c>), and each of the context's groups as <c>Group:&lt;name&gt;</c>.
    /// </summary>
    public Func<ITargetingContext, Actor[]> TargetingActors { get; set; } = DefaultTargetingActors;

    /// <summary>
    /// Actors for calls made without a context inside an HTTP request (such as <c>[FeatureGate("flag")]</c>). Default: the
    /// signed-in user's name identifier claim as <c>User:&lt;id&gt;</c>, or <see cref="Actor.CurrentRequest"/> for anonymous requests.
    /// </summary>
    public Func<HttpContext, Actor[]> HttpContextActors { get; set; } = DefaultHttpContextActors;

    /// <summary>The default <see cref="TargetingActors"/> mapping.</summary>
    public static Actor[] DefaultTargetingActors(ITargetingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actors = new List<Actor>();
        if (!string.IsNullOrEmpty(context.UserId))
        {
            actors.Add(context.UserId.Contains(':', StringComparison.Ordinal) ? new Actor(context.UserId) : Actor.For("User", context.UserId));
        }

        foreach (var group in context.Groups ?? [])
        {
            if (!string.IsNullOrEmpty(group))
            {
                actors.Add(group.Contains(':', StringComparison.Ordinal) ? new Actor(group) : Actor.For("Group", group));
            }
        }

        return [.. actors];
    }

    /// <summary>The default <see cref="HttpContextActors"/> mapping.</summary>
    public static Actor[] DefaultHttpContextActors(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.User?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        return string.IsNullOrEmpty(id) ? [Actor.CurrentRequest] : [Actor.For("User", id)];
    }
}

namespace Vexil.Server.Api;

/// <summary>
/// Limits every API shares. They live with the APIs, which read request bodies, rather than in Hosting: Hosting
/// composes the APIs and applies these limits to Kestrel and its middleware, so the dependency points from Hosting to
/// the APIs and never back.
/// </summary>
public static class RequestLimits
{
    /// <summary>Largest request body accepted, 64 KiB; larger ones get 413.</summary>
    public const int MaxBodyBytes = 64 * 1024;
}

namespace Vexil.Server.Storage;

/// <summary>What a token may do.</summary>
public enum TokenKind
{
    /// <summary>Read flags and evaluate them (OFREP, reads of the APIs) in its environments.</summary>
    Read,

    /// <summary>Read, and change flags in its environments.</summary>
    Write,

    /// <summary>Everything, in every environment, including token management.</summary>
    Admin,

    /// <summary>
    /// Only the Prometheus scrape endpoint <c>/metrics</c>: no flag, audit or definition read, in any environment, so a
    /// scraper's credential leaks nothing about flags.
    /// </summary>
    Metrics,

    /// <summary>
    /// Only recording and listing deployments (<c>/api/v1/deployments</c>): no flag, audit or definition read and no
    /// write, in any environment, so the credential a CI job holds can do nothing else.
    /// </summary>
    Deployments,
}

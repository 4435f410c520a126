namespace Vexil.Server.Api.GitLab;

/// <summary>The parameters of a request, or the response to send when they could not be read (400, 413, 415).</summary>
/// <param name="Parameters">The parameters; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">The response that says what was wrong with the request; null on success.</param>
internal sealed record GitLabParameterReadResult(GitLabParameters? Parameters, IResult? Error)
{
    /// <summary>Read successfully.</summary>
    public static GitLabParameterReadResult Read(GitLabParameters parameters) => new(parameters, null);

    /// <summary>Could not be read.</summary>
    public static GitLabParameterReadResult Failed(IResult error) => new(null, error);
}

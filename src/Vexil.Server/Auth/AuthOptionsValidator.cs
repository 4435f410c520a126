using Microsoft.Extensions.Options;

namespace Vexil.Server.Auth;

/// <summary>Checks <c>Vexil:Auth</c> at start-up, so a wrong setting stops the server with a message naming it.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (ApiRateLimiting.Validate(options.RateLimit) is { } rateLimit)
        {
            failures.Add(rateLimit);
        }

        foreach (var (key, value) in new[]
        {
            (nameof(AuthOptions.TokenRefreshInterval), options.TokenRefreshInterval),
            (nameof(AuthOptions.UnknownTokenReloadInterval), options.UnknownTokenReloadInterval),
            (nameof(AuthOptions.LastUsedFlushInterval), options.LastUsedFlushInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"Vexil:Auth:{key} is {value}; set it to a positive duration such as 00:00:05.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

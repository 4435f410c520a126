using Microsoft.Extensions.Options;

namespace Vexil.Server.Leadership;

/// <summary>Stops the start when <c>Vexil:Leadership:CheckInterval</c> is not a positive time span.</summary>
internal sealed class LeadershipOptionsValidator : IValidateOptions<LeadershipOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LeadershipOptions options) =>
        options.CheckInterval > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{LeadershipOptions.Section}:CheckInterval is {options.CheckInterval}; set it to a positive time span, e.g. 00:00:05.");
}

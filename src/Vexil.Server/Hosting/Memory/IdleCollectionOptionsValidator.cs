using Microsoft.Extensions.Options;

namespace Vexil.Server.Hosting.Memory;

/// <summary>Checks <c>Vexil:Memory</c> at start-up.</summary>
internal sealed class IdleCollectionOptionsValidator : IValidateOptions<IdleCollectionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IdleCollectionOptions options) =>
        options.IdleCollectionInterval < TimeSpan.Zero || (options.IdleCollectionInterval > TimeSpan.Zero && options.IdleCollectionInterval < TimeSpan.FromSeconds(1))
            ? ValidateOptionsResult.Fail($"{IdleCollectionOptions.Section}:IdleCollectionInterval is {options.IdleCollectionInterval}; set at least 00:00:01 (30 seconds is the default), or 00:00:00 to turn the idle collection off.")
            : ValidateOptionsResult.Success;
}

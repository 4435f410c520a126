using Microsoft.Extensions.Options;

namespace Vexil.Server.Changes.HealthSources;

/// <summary>Checks <c>Vexil:ProductionCheck</c> at start-up and says which setting is wrong and how to fix it.</summary>
internal sealed class ProductionCheckOptionsValidator : IValidateOptions<ProductionCheckOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ProductionCheckOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

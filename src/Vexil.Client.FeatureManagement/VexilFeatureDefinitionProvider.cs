using System.Collections.Concurrent;
using Microsoft.FeatureManagement;
using Vexil.Client.Hosting;

namespace Vexil.Client.FeatureManagement;

/// <summary>
/// Tells Microsoft.FeatureManagement that every feature is decided by the <see cref="VexilFeatureFilter"/>, so
/// <c>IsEnabledAsync("flag")</c> asks Vexil for any name, including flags the client does not know yet (which are off).
/// </summary>
public sealed class VexilFeatureDefinitionProvider(VexilClientProvider clients) : IFeatureDefinitionProvider
{
    private static readonly FeatureFilterConfiguration[] DecidedByVexil = [new() { Name = VexilFeatureFilter.Alias }];

    private readonly ConcurrentDictionary<string, FeatureDefinition> definitions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName) => Task.FromResult(Definition(featureName));

    /// <inheritdoc />
    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        var client = await clients.GetClientAsync().ConfigureAwait(false);
        foreach (var name in client.FlagNames)
        {
            yield return Definition(name);
        }
    }

    private FeatureDefinition Definition(string featureName) =>
        definitions.GetOrAdd(featureName, static name => new FeatureDefinition { Name = name, EnabledFor = DecidedByVexil, RequirementType = RequirementType.Any });
}

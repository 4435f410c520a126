using Microsoft.Extensions.Configuration;
using Vexil.Core.Actors;
using Vexil.Core.Groups;
using Vexil.Core.Naming;

namespace Vexil.Server.FeatureGroups;

/// <summary>Builds the <see cref="FeatureGroupRegistry"/> from <c>Vexil:FeatureGroups</c>, refusing bad entries with a clear message.</summary>
public static class FeatureGroupConfiguration
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:FeatureGroups";

    /// <summary>Reads every configured group.</summary>
    public static FeatureGroupRegistry Load(IConfiguration configuration)
    {
        var groups = new List<IFeatureGroup>();
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            if (!FlagName.IsValid(section.Key))
            {
                throw new InvalidOperationException(
                    $"{Section}:{section.Key} is not a valid group name: use lowercase letters, digits and single underscores, e.g. 'gitlab_team_members'.");
            }

            var options = section.Get<FeatureGroupOptions>() ?? new FeatureGroupOptions();
            foreach (var actor in options.Actors)
            {
                if (ActorId.Validate(actor) is { } error)
                {
                    throw new InvalidOperationException($"{Section}:{section.Key}:Actors: {error}");
                }
            }

            groups.Add(new ActorListFeatureGroup(section.Key, options.Actors));
        }

        return new FeatureGroupRegistry(groups);
    }
}

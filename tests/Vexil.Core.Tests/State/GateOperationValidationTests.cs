using Vexil.Core.Gates;
using Vexil.Core.Groups;
using Vexil.Core.State;
using Xunit;

namespace Vexil.Core.Tests.State;

public sealed class GateOperationValidationTests
{
    private static readonly FeatureGroupRegistry Groups = new([new ActorListFeatureGroup("gitlab_team_members", [])]);

    [Fact]
    public void Actor_operations_refuse_unstorable_actor_ids()
    {
        Assert.Contains("must not be empty", GateOperation.EnableActor("").Validate(Groups), StringComparison.Ordinal);
        Assert.Contains("control character", GateOperation.OptOut("User:\u0007").Validate(Groups), StringComparison.Ordinal);
        Assert.Contains("at most 255", GateOperation.DisableActor(new string('x', 300)).Validate(Groups), StringComparison.Ordinal);
        Assert.Null(GateOperation.EnableActor("User:1").Validate(Groups));
    }

    [Fact]
    public void Enabling_an_unknown_feature_group_names_the_registered_ones()
    {
        Assert.Equal(
            "Unknown feature group 'nope'. Registered feature groups: gitlab_team_members.",
            GateOperation.EnableGroup("nope").Validate(Groups));
        Assert.Null(GateOperation.EnableGroup("gitlab_team_members").Validate(Groups));

        // Removing a group that is no longer registered is how a stale gate gets cleaned up, so it is allowed.
        Assert.Null(GateOperation.DisableGroup("nope").Validate(Groups));
        Assert.Null(GateOperation.SetPercentageOfActors(Percentage.Parse("5")).Validate(Groups));
    }
}

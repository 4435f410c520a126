using Vexil.Core.Gates;
using Vexil.Core.State;
using Xunit;

namespace Vexil.Core.Tests.State;

public sealed class FlagStateTests
{
    [Fact]
    public void Status_follows_flippers_rules()
    {
        Assert.Equal(FlagStatus.Off, FlagState.Empty.Status);
        Assert.Equal(FlagStatus.On, (FlagState.Empty with { Boolean = true }).Status);
        Assert.Equal(FlagStatus.On, (FlagState.Empty with { PercentageOfTime = Percentage.Full }).Status);
        Assert.Equal(FlagStatus.Conditional, (FlagState.Empty with { PercentageOfActors = Percentage.Full }).Status);
        Assert.Equal(FlagStatus.Conditional, (FlagState.Empty with { PercentageOfTime = Percentage.Parse("99.999") }).Status);
        Assert.Equal(FlagStatus.Conditional, Apply(FlagState.Empty, GateOperation.EnableActor("User:1")).Status);
        Assert.Equal(FlagStatus.Conditional, Apply(FlagState.Empty, GateOperation.EnableGroup("gitlab_team_members")).Status);
    }

    [Fact]
    public void Enabling_boolean_clears_every_other_gate()
    {
        var state = Apply(FlagState.Empty, GateOperation.EnableActor("User:1"), GateOperation.EnableGroup("g"), GateOperation.SetPercentageOfActors(Percentage.Parse("50")));
        var on = Apply(state, GateOperation.EnableBoolean());
        Assert.Equal(FlagState.Empty with { Boolean = true }, on);
    }

    [Fact]
    public void Disabling_boolean_clears_every_gate()
    {
        var state = Apply(FlagState.Empty, GateOperation.EnableActor("User:1"), GateOperation.SetPercentageOfTime(Percentage.Parse("5")));
        Assert.Equal(FlagState.Empty, Apply(state, GateOperation.DisableBoolean()));
        Assert.Equal(FlagState.Empty, Apply(FlagState.Empty with { Boolean = true }, GateOperation.DisableBoolean()));
    }

    [Fact]
    public void Actors_and_groups_are_added_and_removed_one_at_a_time()
    {
        var state = Apply(FlagState.Empty, GateOperation.EnableActor("User:1"), GateOperation.EnableActor("User:2"), GateOperation.EnableActor("User:1"));
        Assert.Equal(["User:1", "User:2"], state.Actors);
        state = Apply(state, GateOperation.DisableActor("User:1"), GateOperation.DisableActor("User:404"));
        Assert.Equal(["User:2"], state.Actors);

        state = Apply(state, GateOperation.EnableGroup("a"), GateOperation.EnableGroup("b"), GateOperation.DisableGroup("a"));
        Assert.Equal(["b"], state.Groups);
    }

    [Fact]
    public void Percentages_are_set_not_added_and_zero_means_off()
    {
        var state = Apply(FlagState.Empty, GateOperation.SetPercentageOfActors(Percentage.Parse("25")), GateOperation.SetPercentageOfActors(Percentage.Parse("10")));
        Assert.Equal(Percentage.Parse("10"), state.PercentageOfActors);
        state = Apply(state, GateOperation.SetPercentageOfActors(Percentage.Zero));
        Assert.Equal(FlagStatus.Off, state.Status);
    }

    [Theory]
    [InlineData(true, "Cannot enable percentage of actors for a fully-enabled flag. To go back to a partial rollout, disable the flag first (set it to false, which turns it off for everyone), then set the percentage of actors.")]
    [InlineData(false, "Cannot enable percentage of time for a fully-enabled flag. To go back to a partial rollout, disable the flag first (set it to false, which turns it off for everyone), then set the percentage of time.")]
    public void Refuses_a_percentage_on_a_fully_enabled_flag_with_gitlabs_words(bool ofActors, string message)
    {
        var on = FlagState.Empty with { Boolean = true };
        var percentage = Percentage.Parse("50");
        var operation = ofActors ? GateOperation.SetPercentageOfActors(percentage) : GateOperation.SetPercentageOfTime(percentage);
        Assert.Equal(message, operation.ApplyTo(on, out var next));
        Assert.Same(on, next);

        // Setting zero is "off", not "enabling", and is allowed.
        var zero = ofActors ? GateOperation.SetPercentageOfActors(Percentage.Zero) : GateOperation.SetPercentageOfTime(Percentage.Zero);
        Assert.Null(zero.ApplyTo(on, out _));
    }

    [Fact]
    public void Opt_out_rules_use_gitlabs_words()
    {
        var optedOut = Apply(FlagState.Empty, GateOperation.OptOut("User:x"));
        Assert.True(optedOut.HasOptedOut("User:x"));
        Assert.Contains("User:x:opt_out", optedOut.Actors);

        Assert.Equal("Opt-out exists for User:x - remove opt-out before enabling", GateOperation.EnableActor("User:x").ApplyTo(optedOut, out _));
        Assert.Equal("No opt-out exists for User:y", GateOperation.RemoveOptOut("User:y").ApplyTo(optedOut, out _));

        var removed = Apply(optedOut, GateOperation.RemoveOptOut("User:x"), GateOperation.EnableActor("User:x"));
        Assert.Equal(["User:x"], removed.Actors);
    }

    [Fact]
    public void States_are_immutable_values()
    {
        var a = FlagState.Create(false, ["User:2", "User:1"], ["g"], Percentage.Parse("5"));
        var b = FlagState.Create(false, ["User:1", "User:2"], ["g"], Percentage.Parse("5"));
        Assert.Equal(a, b);
        var changed = Apply(a, GateOperation.EnableActor("User:3"));
        Assert.Equal(2, a.Actors.Count);
        Assert.NotEqual(a, changed);
    }

    [Fact]
    public void Operations_have_gitlab_action_names()
    {
        Assert.Equal("enable", GateOperation.EnableBoolean().Action);
        Assert.Equal("enable_actor", GateOperation.EnableActor("User:1").Action);
        Assert.Equal("enable_percentage_of_actors", GateOperation.SetPercentageOfActors(Percentage.Parse("1")).Action);
        Assert.Equal("remove_opt_out", GateOperation.RemoveOptOut("User:1").Action);
    }

    private static FlagState Apply(FlagState state, params GateOperation[] operations)
    {
        foreach (var operation in operations)
        {
            Assert.Null(operation.ApplyTo(state, out state));
        }

        return state;
    }
}

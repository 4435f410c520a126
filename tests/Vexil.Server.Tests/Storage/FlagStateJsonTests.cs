using System.Text.Json;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Storage;

public sealed class FlagStateJsonTests
{
    [Fact]
    public void A_state_is_written_in_the_documented_shape()
    {
        var state = FlagState.Create(false, ["User:2", "User:1"], ["beta"], Percentage.Parse("25"), Percentage.Parse("0.5"));

        var json = FlagStateJson.Serialize(state);

        Assert.Equal(
            """{"boolean":false,"actors":["User:1","User:2"],"groups":["beta"],"percentage_of_actors":"25","percentage_of_time":"0.5"}""",
            json);
    }

    [Fact]
    public void An_empty_state_writes_zero_percentages_and_empty_lists()
    {
        Assert.Equal(
            """{"boolean":false,"actors":[],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"}""",
            FlagStateJson.Serialize(FlagState.Empty));
    }

    [Fact]
    public void A_state_round_trips_including_non_ascii_actors_and_three_decimals()
    {
        var state = FlagState.Create(true, ["User:😀", "User:é", "User:\uE000", "Project:a\"b\\c"], ["g1", "g2"], Percentage.Parse("2.007"), Percentage.Parse("99.999"));

        var read = FlagStateJson.Deserialize(FlagStateJson.Serialize(state));

        Assert.Equal(state, read);
        Assert.Equal(state.Actors, read.Actors);
        Assert.Equal(2007, read.PercentageOfActors.Thousandths);
    }

    [Fact]
    public void Jsonb_text_with_reordered_keys_and_spaces_is_read()
    {
        var read = FlagStateJson.Deserialize(
            """{"groups": ["beta"], "actors": ["User:1"], "boolean": false, "percentage_of_time": "0", "percentage_of_actors": "12.5"}""");

        Assert.Equal(FlagState.Create(false, ["User:1"], ["beta"], Percentage.Parse("12.5")), read);
    }

    [Fact]
    public void Missing_members_are_off_and_unknown_members_are_skipped()
    {
        var read = FlagStateJson.Deserialize("""{"actors":["User:1"],"expression":{"any":[1,2,{"x":null}]},"percentage_of_actors":25}""");

        Assert.Equal(FlagState.Create(false, ["User:1"], percentageOfActors: Percentage.Parse("25")), read);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"boolean":"yes"}""")]
    [InlineData("""{"actors":[1]}""")]
    [InlineData("""{"actors":["User:1"]""")]
    public void Text_that_is_not_a_flag_state_is_an_error(string json)
    {
        Assert.ThrowsAny<JsonException>(() => FlagStateJson.Deserialize(json));
    }

    [Fact]
    public void An_out_of_range_percentage_is_an_error()
    {
        Assert.Throws<FormatException>(() => FlagStateJson.Deserialize("""{"percentage_of_time":"101"}"""));
    }
}

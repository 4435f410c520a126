using Vexil.Core.Evaluation;
using Vexil.Core.Gates;
using Vexil.Core.Groups;
using Vexil.Core.State;
using Xunit;

namespace Vexil.Core.Tests.Gates;

/// <summary>Vectors computed with Ruby's Zlib.crc32 and Flipper; they pin our bucketing to theirs.</summary>
public sealed class BucketVectorTests
{
    [Theory]
    [InlineData("duo_chat_multi_thread", "User:1", 9423)]
    [InlineData("duo_chat_multi_thread", "User:42", 92376)]
    [InlineData("duo_chat_multi_thread", "Project:278964", 83363)]
    [InlineData("duo_chat_multi_thread", "Group:9970", 60038)]
    [InlineData("duo_chat_multi_thread", "User:327", 379)]
    [InlineData("duo_chat_multi_thread", "User:140834", 500)]
    [InlineData("duo_chat_multi_thread", "User:250271", 2007)]
    [InlineData("duo_chat_multi_thread", "User:78947", 25000)]
    [InlineData("duo_chat_multi_thread", "User:31546", 50000)]
    [InlineData("code_suggestions_context", "User:1", 12919)]
    [InlineData("code_suggestions_context", "Group:9970", 32117)]
    [InlineData("code_suggestions_context", "User:1148", 86)]
    [InlineData("code_suggestions_context", "User:48217", 49999)]
    [InlineData("", "User;1", 41685)]
    public void Buckets_match_flipper(string flag, string actor, int expected)
    {
        Assert.Equal(expected, PercentageOfActorsGate.Bucket(flag, [actor]));
    }

    [Theory]
    [InlineData("User:1", "25", true)]
    [InlineData("User:1", "0.5", false)]
    [InlineData("User:140834", "0.5", false)] // 500 < 500.0 is false
    [InlineData("User:140834", "0.501", true)]
    [InlineData("User:250271", "2.007", true)] // 2.007 * 1000 is 2007.0000000000002 in double
    [InlineData("User:250271", "2.006", false)]
    [InlineData("User:78947", "25", false)] // bucket 25000 is outside 25%
    [InlineData("User:31546", "50", false)]
    [InlineData("User:31546", "50.001", true)]
    public void Percentage_of_actors_decides_as_flipper_does(string actor, string percentage, bool expected)
    {
        var snapshot = SnapshotWith("duo_chat_multi_thread", FlagState.Empty with { PercentageOfActors = Percentage.Parse(percentage) });
        Assert.Equal(expected, snapshot.IsEnabled("duo_chat_multi_thread", actor));
    }

    [Fact]
    public void Threshold_of_2_007_percent_is_computed_in_double_precision()
    {
        Assert.Equal(2007.0000000000002, Percentage.Parse("2.007").ScaledThreshold);
    }

    [Fact]
    public void Search_at_5_percent_opens_exactly_flippers_actors()
    {
        var snapshot = SnapshotWith("search", FlagState.Empty with { PercentageOfActors = Percentage.Parse("5") });
        var open = Enumerable.Range(1, 100).Where(i => snapshot.IsEnabled("search", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal([10, 21, 41, 73, 74, 81], open);
    }

    [Fact]
    public void Search_at_25_percent_over_user_semicolon_ids_opens_flippers_24_actors()
    {
        var snapshot = SnapshotWith("search", FlagState.Empty with { PercentageOfActors = Percentage.Parse("25") });
        var open = Enumerable.Range(1, 100).Where(i => snapshot.IsEnabled("search", $"User;{i}")).ToArray();
        Assert.Equal([6, 7, 8, 9, 10, 12, 14, 15, 18, 21, 27, 29, 32, 33, 35, 41, 47, 48, 60, 80, 84, 86, 93, 94], open);
    }

    [Fact]
    public void Several_actors_are_sorted_before_hashing_so_order_does_not_matter()
    {
        string[] forward = ["User:1", "Project:2", "Group:3"];
        string[] backward = ["Group:3", "Project:2", "User:1"];
        var expected = PercentageOfActorsGate.Bucket("f", ["Group:3Project:2User:1"]);
        Assert.Equal(expected, PercentageOfActorsGate.Bucket("f", forward));
        Assert.Equal(expected, PercentageOfActorsGate.Bucket("f", backward));
    }

    [Fact]
    public void Several_actors_sort_in_code_point_order_as_ruby_does()
    {
        // U+FF21 (fullwidth A) is below U+1F600 in code points, but above its surrogates in UTF-16 units.
        string[] actors = ["\U0001F600", "\uFF21"];
        var expected = PercentageOfActorsGate.Bucket("f", ["\uFF21\U0001F600"]);
        Assert.Equal(expected, PercentageOfActorsGate.Bucket("f", actors));
    }

    [Fact]
    public void Two_and_three_actors_in_every_order_bucket_as_their_sorted_join()
    {
        string[] ids = ["User:140834", "Project:278964", "Group:9970", "Project:27896", "\U0001F600", "\uFF21"];
        var random = new Random(5);
        for (var round = 0; round < 500; round++)
        {
            var picked = ids.OrderBy(_ => random.Next()).Take(random.Next(2, 4)).ToArray();
            var joined = string.Concat(picked.Order(Vexil.Core.Actors.RubyStringComparer.Instance));
            Assert.Equal(PercentageOfActorsGate.Bucket("f", [joined]), PercentageOfActorsGate.Bucket("f", picked));
        }

        // Duplicates are hashed as given, as Flipper joins them without removing any.
        Assert.Equal(PercentageOfActorsGate.Bucket("f", ["User:1User:1"]), PercentageOfActorsGate.Bucket("f", ["User:1", "User:1"]));
    }

    [Fact]
    public void More_actors_than_the_stack_sort_holds_still_bucket_correctly()
    {
        var actors = Enumerable.Range(0, 40).Select(i => $"User:{i}").ToArray();
        var joined = string.Concat(actors.Order(Vexil.Core.Actors.RubyStringComparer.Instance));
        Assert.Equal(PercentageOfActorsGate.Bucket("f", [joined]), PercentageOfActorsGate.Bucket("f", actors.Reverse().ToArray()));
    }

    private static FlagSnapshot SnapshotWith(string name, FlagState state) =>
        FlagSnapshot.Build("test", 1, [new(name, state)], new Dictionary<string, bool>(), FeatureGroupRegistry.Empty);
}

using System.Text;
using Vexil.Client.Evaluation;
using Vexil.Client.Sync;

namespace Vexil.Client.Tests.Evaluation;

/// <summary>
/// Applying a whole snapshot (first sync, a reset, a poll): issue 14 wants 10,000 flags applied in at most 50 ms. A
/// flag whose state is the same as before keeps its compiled form; everything else is compiled again, and the flags
/// reported as changed are exactly those whose answer may differ.
/// </summary>
public sealed class FlagTableBuilderTests
{
    [Fact]
    public void A_snapshot_applied_again_reuses_unchanged_flags_and_recompiles_the_rest()
    {
        ClientFlagTable? published = null;
        var builder = new FlagTableBuilder(table => published = table);
        builder.ReplaceSnapshot(Document(1, percentage: "25", groupMembers: "User:1", defaultOn: true));
        var first = published!;

        var changed = builder.ReplaceSnapshot(Document(2, percentage: "50", groupMembers: "User:1", defaultOn: true, extraFlag: true));
        var second = published!;

        Assert.Equal(["flag_0", "flag_2", "new_flag"], changed); // flag_0 and flag_2 carry the percentage
        Assert.Same(Entry(first, "flag_1"), Entry(second, "flag_1"));
        Assert.Same(Entry(first, "defined_only"), Entry(second, "defined_only"));
        Assert.NotSame(Entry(first, "flag_0"), Entry(second, "flag_0"));
        Assert.Equal(2, second.Sequence);

        // Counters outlive the recompilation.
        Assert.Same(Entry(first, "flag_0").CountStripes, Entry(second, "flag_0").CountStripes);
    }

    [Fact]
    public void A_change_of_group_members_recompiles_every_flag_and_reports_every_flag()
    {
        ClientFlagTable? published = null;
        var builder = new FlagTableBuilder(table => published = table);
        builder.ReplaceSnapshot(Document(1, percentage: "25", groupMembers: "User:1", defaultOn: true));
        var first = published!;
        Assert.True(Entry(first, "flag_1").Flag.Evaluate(["User:1"]).Enabled);

        var changed = builder.ReplaceSnapshot(Document(2, percentage: "25", groupMembers: "User:9", defaultOn: true));
        var second = published!;

        Assert.Equal(["defined_only", "flag_0", "flag_1", "flag_2", "new_flag"], changed);
        Assert.NotSame(Entry(first, "flag_1"), Entry(second, "flag_1"));
        Assert.False(Entry(second, "flag_1").Flag.Evaluate(["User:1"]).Enabled);
        Assert.True(Entry(second, "flag_1").Flag.Evaluate(["User:9"]).Enabled);
    }

    [Fact]
    public void A_stored_flag_that_leaves_falls_back_to_its_default_and_is_reported_once()
    {
        ClientFlagTable? published = null;
        var builder = new FlagTableBuilder(table => published = table);
        builder.ReplaceSnapshot(Document(1, percentage: "25", groupMembers: "User:1", defaultOn: true, extraFlag: true));

        var changed = builder.ReplaceSnapshot(Document(2, percentage: "25", groupMembers: "User:1", defaultOn: false));

        Assert.Equal(["defined_only", "new_flag"], changed);
        Assert.Equal(Core.Evaluation.EvaluationReason.Default, Entry(published!, "new_flag").Flag.Evaluate([]).Reason);
        Assert.False(Entry(published!, "new_flag").Flag.Evaluate([]).Enabled);
        Assert.False(Entry(published!, "defined_only").Flag.Evaluate([]).Enabled);
    }

    [Fact]
    public void A_stored_flag_with_no_definition_that_leaves_is_reported_and_gone()
    {
        ClientFlagTable? published = null;
        var builder = new FlagTableBuilder(table => published = table);
        builder.ReplaceSnapshot(Document(1, percentage: "25", groupMembers: "User:1", defaultOn: true, undefinedFlag: true));
        Assert.True(published!.Flags.ContainsKey("undefined_flag"));

        var changed = builder.ReplaceSnapshot(Document(2, percentage: "25", groupMembers: "User:1", defaultOn: true));

        Assert.Equal(["undefined_flag"], changed);
        Assert.False(published!.Flags.ContainsKey("undefined_flag"));
        Assert.Equal(5, published.Flags.Count); // flag_0..2, defined_only, new_flag
    }

    private static ClientFlag Entry(ClientFlagTable table, string name) =>
        table.Flags.TryGetValue(name, out var entry) ? entry : throw new KeyNotFoundException(name);

    // flag_0 and flag_2: percentage of actors; flag_1: the group; "new_flag" always defined (default off) and, with
    // extraFlag, also stored (on): the stored state wins.
    private static SnapshotDocument Document(long sequence, string percentage, string groupMembers, bool defaultOn, bool extraFlag = false, bool undefinedFlag = false)
    {
        var percent = $$"""{"boolean":false,"actors":["User:5"],"groups":[],"percentage_of_actors":"{{percentage}}","percentage_of_time":"0"}""";
        const string Group = """{"boolean":false,"actors":[],"groups":["team"],"percentage_of_actors":"0","percentage_of_time":"0"}""";
        var extra = (extraFlag ? """,  "new_flag":{"boolean":true}""" : string.Empty) + (undefinedFlag ? """,  "undefined_flag":{"boolean":true}""" : string.Empty);
        var flags = $"\"flag_0\":{percent},\"flag_1\":{Group},\"flag_2\":{percent}{extra}";
        var json = $$$"""
            {"environment":"test","sequence":{{{sequence}}},"flags":{{{{flags}}}},
             "defaults":{"defined_only":{{{(defaultOn ? "true" : "false")}}},"new_flag":false},"groups":{"team":["{{{groupMembers}}}"]}}
            """;
        return SnapshotDocument.Parse(Encoding.UTF8.GetBytes(json), null);
    }
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vexil.Core.Evaluation;
using Vexil.Core.Gates;
using Vexil.Core.Groups;
using Vexil.Core.State;
using Xunit;

namespace Vexil.Core.Tests.Flipper;

/// <summary>
/// Decides randomised flag states with the real Flipper gem (Debian's ruby-flipper 0.25.4) and with our engine, and
/// requires the same answers. Runs when Ruby and the gem are present; with VEXIL_REQUIRE_FLIPPER=1 (set by .ci/run)
/// their absence is a failure instead of a skip.
/// </summary>
public sealed class FlipperOracleTests
{
    private static readonly string[] ActorPool =
    [
        "User:1", "User:42", "User:140834", "User:250271", "Project:gitlab-org/gitlab", "Group:9970", "Namespace:7",
        "User:é", "User:日本", "User:😀", "User:\uFF21", "Repository:gitlab-org/gitlab.wiki", "1", "2", "User;3",
    ];

    [Fact]
    public async Task Engine_decides_exactly_as_the_flipper_gem_on_randomised_states()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Flipper", "flipper_oracle.rb");
        if (!RubyWithFlipperAvailable(out var why))
        {
            if (Environment.GetEnvironmentVariable("VEXIL_REQUIRE_FLIPPER") == "1")
            {
                Assert.Fail($"The Flipper oracle is required but unavailable: {why}. Install Debian's ruby-flipper.");
            }

            Assert.Skip($"Flipper oracle unavailable ({why}); install Debian's ruby-flipper to run it.");
        }

        var random = new Random(20261122);
        var cases = Enumerable.Range(0, 300).Select(i => RandomCase(random, i)).ToList();
        var answers = await RunOracle(script, cases);
        Assert.Equal(cases.Count, answers.Count);

        var compared = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var snapshot = FlagSnapshot.Build("oracle", 1, [new(c.Flag, c.State)], new Dictionary<string, bool>(), c.Groups);
            Assert.Equal(answers[i].State, c.State.Status.ToString().ToLowerInvariant());
            for (var j = 0; j < c.Checks.Count; j++)
            {
                var actor = c.Checks[j];
                var ours = actor is null ? snapshot.IsEnabled(c.Flag) : snapshot.IsEnabled(c.Flag, actor);
                Assert.True(
                    answers[i].Results[j] == ours,
                    $"Case {i}: flag {c.Flag}, actor {actor ?? "(none)"}, state {JsonSerializer.Serialize(c.Json)}: Flipper says {answers[i].Results[j]}, Vexil says {ours}.");
                compared++;
            }
        }

        Assert.True(compared > 5000);
    }

    private static OracleCase RandomCase(Random random, int index)
    {
        var flag = index % 3 == 0 ? "duo_chat_multi_thread" : $"flag_{random.Next(1000)}";
        var boolean = random.NextDouble() < 0.1;
        var actors = ActorPool.Where(_ => random.NextDouble() < 0.1).ToList();
        var groupMembers = new Dictionary<string, string[]>
        {
            ["team"] = ActorPool.Where(_ => random.NextDouble() < 0.3).ToArray(),
            ["beta_testers"] = ActorPool.Where(_ => random.NextDouble() < 0.3).ToArray(),
        };
        var groups = groupMembers.Keys.Where(_ => random.NextDouble() < 0.25).ToList();
        var checks = new List<string?> { null };
        checks.AddRange(ActorPool);
        checks.AddRange(Enumerable.Range(0, 10).Select(_ => $"User:{random.Next(1_000_000)}"));

        var ofActors = random.NextDouble() < 0.3 ? Percentage.Zero : RandomPercentage(random);
        if (ofActors.IsEnabled && random.NextDouble() < 0.5)
        {
            // Put the threshold right at a checked actor's bucket (or one above), where "<" and double rounding decide.
            var bucket = PercentageOfActorsGate.Bucket(flag, [checks[random.Next(1, checks.Count)]!]);
            ofActors = Percentage.FromThousandths(Math.Clamp(bucket + random.Next(0, 2), 1, Percentage.MaxThousandths));
        }

        var ofTime = random.NextDouble() < 0.1 ? Percentage.Full : Percentage.Zero;
        var state = FlagState.Create(boolean, actors, groups, ofActors, ofTime);

        var json = new JsonObject
        {
            ["flag"] = flag,
            ["boolean"] = boolean,
            ["actors"] = new JsonArray(actors.Select(a => (JsonNode)a).ToArray()),
            ["groups"] = new JsonArray(groups.Select(g => (JsonNode)g).ToArray()),
            ["group_members"] = new JsonObject(groupMembers.Select(g => new KeyValuePair<string, JsonNode?>(g.Key, new JsonArray(g.Value.Select(v => (JsonNode)v).ToArray())))),
            ["percentage_of_actors"] = ofActors.ToString(),
            ["percentage_of_time"] = ofTime.ToString(),
            ["checks"] = new JsonArray(checks.Select(c => (JsonNode?)c).ToArray()),
        };
        var registry = new FeatureGroupRegistry(groupMembers.Select(g => new ActorListFeatureGroup(g.Key, g.Value)));
        return new OracleCase(flag, state, registry, checks, json);
    }

    // Mixes round numbers, rollout ladders and three-decimal values, where double rounding matters most.
    private static Percentage RandomPercentage(Random random) => random.Next(3) switch
    {
        0 => Percentage.FromThousandths(random.Next(1, 101) * 1000),
        1 => Percentage.FromThousandths(random.Next(1, 100_001)),
        _ => Percentage.FromThousandths(random.Next(1, 10_000)),
    };

    private static async Task<List<OracleAnswer>> RunOracle(string script, List<OracleCase> cases)
    {
        var input = new JsonArray(cases.Select(c => (JsonNode)c.Json.DeepClone()).ToArray()).ToJsonString();
        var start = new ProcessStartInfo("ruby", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"The Flipper oracle failed: {await error}");

        return JsonNode.Parse(await output)!.AsArray()
            .Select(a => new OracleAnswer(a!["state"]!.GetValue<string>(), a["results"]!.AsArray().Select(r => r!.GetValue<bool>()).ToList()))
            .ToList();
    }

    private static bool RubyWithFlipperAvailable(out string why)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("ruby", ["-e", "require 'flipper'; require 'flipper/adapters/memory'; print :ok"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            process.WaitForExit();
            why = process.ExitCode == 0 ? string.Empty : "the flipper gem does not load";
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            why = "ruby is not installed";
            return false;
        }
    }

    private sealed record OracleCase(string Flag, FlagState State, FeatureGroupRegistry Groups, List<string?> Checks, JsonObject Json);

    private sealed record OracleAnswer(string State, List<bool> Results);
}

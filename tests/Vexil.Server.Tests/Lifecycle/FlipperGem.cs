using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Vexil.Server.Tests.Lifecycle;

/// <summary>
/// Drives Debian's ruby-flipper 0.25.4: sets random gates on random features with the gem itself, writes them in
/// Flipper's export format JSON version 1 from its adapter's <c>get_all</c> (0.25 has no exporter of its own), and
/// answers <c>enabled?</c> for User:0 to User:9999 with the gem's own logic.
/// </summary>
internal static class FlipperGem
{
    private const string Script = """
        require 'json'
        require 'set'
        require 'flipper'
        require 'flipper/adapters/memory'

        Actor = Struct.new(:flipper_id)
        seed, members_json = ARGV
        members = Set.new(JSON.parse(File.read(members_json)))
        Flipper.register(:beta_testers) { |actor| members.include?(actor.value) }
        random = Random.new(seed.to_i)
        adapter = Flipper::Adapters::Memory.new
        flipper = Flipper.new(adapter)
        names = %w[search_v2 duo_chat_multi_thread billing_redesign fast_import wiki_sidebar code_owners_v3 merge_trains]
        names.each_with_index do |name, i|
          feature = flipper[name]
          feature.add
          case i
          when 0 then feature.enable
          when 1 then feature.enable_percentage_of_actors((random.rand * 100).round(3))
          when 2 then feature.enable_group(:beta_testers)
          else
            feature.enable_percentage_of_actors([5, 12.5, 33.333, 50, 99.999][random.rand(5)]) if random.rand < 0.8
            feature.enable_group(:beta_testers) if random.rand < 0.5
            random.rand(20).times { feature.enable_actor(Actor.new("User:#{random.rand(10_000)}")) }
          end
        end
        features = adapter.get_all.transform_values do |gates|
          gates.transform_values { |value| value.is_a?(Set) ? value.to_a.sort : value }
        end
        answers = names.to_h do |name|
          feature = flipper[name]
          [name, (0...10_000).map { |i| feature.enabled?(Actor.new("User:#{i}")) }]
        end
        puts JSON.generate({ 'file' => JSON.pretty_generate({ 'version' => 1, 'features' => features }), 'answers' => answers })
        """;

    public static bool Available(out string why)
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

    public static async Task<(string File, Dictionary<string, List<bool>> Answers)> ExportRandomAsync(int seed, IReadOnlyList<string> groupMembers, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("vexil-flipper-").FullName;
        try
        {
            var script = Path.Combine(folder, "export.rb");
            var members = Path.Combine(folder, "members.json");
            await File.WriteAllTextAsync(script, Script, cancellationToken);
            await File.WriteAllTextAsync(members, JsonSerializer.Serialize(groupMembers), cancellationToken);
            using var process = Process.Start(new ProcessStartInfo("ruby", [script, seed.ToString(System.Globalization.CultureInfo.InvariantCulture), members])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            Assert.True(process.ExitCode == 0, $"The Flipper gem failed: {await error}");
            using var document = JsonDocument.Parse(await output);
            var answers = document.RootElement.GetProperty("answers").EnumerateObject()
                .ToDictionary(feature => feature.Name, feature => feature.Value.EnumerateArray().Select(answer => answer.GetBoolean()).ToList(), StringComparer.Ordinal);
            return (document.RootElement.GetProperty("file").GetString()!, answers);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

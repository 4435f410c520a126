using Vexil.Definitions.References;
using Vexil.Server.Tests.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Lifecycle;

/// <summary>The code reference scanner on a fixture tree holding every default pattern and the near misses it must skip.</summary>
public sealed class CodeReferenceScannerTests : IDisposable
{
    private readonly TempFolder tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void Every_default_pattern_is_found_with_file_line_and_text()
    {
        tree.Write("app/models/chat.rb", "class Chat\n  def multi?\n    Feature.enabled?(:duo_chat_multi_thread, user)\n  end\n  def off? = Feature.disabled?(:duo_chat_multi_thread)\nend\n");
        tree.Write("app/helpers/x.rb", "feature_flag_enabled?(:duo_chat_multi_thread)\npush_frontend_feature_flag(:duo_chat_multi_thread, project)\n");
        tree.Write("app/assets/javascripts/chat.js", "if (gon.features.duoChatMultiThread) {}\nconst on = this.glFeatures.duoChatMultiThread;\n");
        tree.Write("src/Chat.cs", "if (flags.IsEnabled(\"duo_chat_multi_thread\", actor)) {}\nawait client.IsEnabledAsync(\"duo_chat_multi_thread\");\n");
        tree.Write("config/metrics/chat.yml", "key_path: counts.chat\nfeature_flag: duo_chat_multi_thread\n");
        tree.Write("config/feature_flags/beta/duo_chat_multi_thread.yml", "---\nname: duo_chat_multi_thread\ntype: beta\n");

        var result = new CodeReferenceScanner(ReferencePattern.Defaults, ["duo_chat_multi_thread"]).Scan(tree.Root, TestContext.Current.CancellationToken);

        Assert.All(result.References, reference => Assert.Equal("duo_chat_multi_thread", reference.Flag));
        Assert.Equal(
            [
                "app/assets/javascripts/chat.js:1 gon.features.{camelName}",
                "app/assets/javascripts/chat.js:2 glFeatures.{camelName}",
                "app/helpers/x.rb:1 feature_flag_enabled?(:{name}",
                "app/helpers/x.rb:2 push_frontend_feature_flag(:{name}",
                "app/models/chat.rb:3 Feature.enabled?(:{name}",
                "app/models/chat.rb:5 Feature.disabled?(:{name}",
                "config/feature_flags/beta/duo_chat_multi_thread.yml:2 definition",
                "config/metrics/chat.yml:2 feature_flag: {name}",
                "src/Chat.cs:1 IsEnabled(\"{name}\"",
                "src/Chat.cs:2 IsEnabledAsync(\"{name}\"",
            ],
            result.References.Select(reference => $"{reference.Path}:{reference.Line} {reference.Pattern}"));
        Assert.Equal("Feature.enabled?(:duo_chat_multi_thread, user)", result.References.Single(r => r.Path == "app/models/chat.rb" && r.Line == 3).Text);
        Assert.Equal(9, result.CodeCounts()["duo_chat_multi_thread"]);
        Assert.Equal(6, result.FilesScanned);
    }

    [Fact]
    public void Near_misses_are_not_counted_as_the_shorter_flag()
    {
        tree.Write("app/a.rb", "Feature.enabled?(:my_flag_v2)\nFeature.enabled?(:my_flagX)\nMyFeature.enabled?(:my_flag)\nFeature.enabled?(:other_my_flag)\n");
        tree.Write("app/b.js", "gon.features.myFlagV2\ngon.features.myFlag_x\nglFeatures.myFlagSuffix\n");
        tree.Write("src/C.cs", "IsEnabled(\"my_flag_v2\")\nIsEnabled(\"my_flag\" + x)\nIsEnabledX(\"my_flag\")\n");

        var result = new CodeReferenceScanner(ReferencePattern.Defaults, ["my_flag", "my_flag_v2"]).Scan(tree.Root, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(result.References, reference => reference.Flag == "my_flag" && reference.Path != "src/C.cs");
        Assert.Equal(["app/a.rb:1", "app/b.js:1", "src/C.cs:1"], result.References.Where(r => r.Flag == "my_flag_v2").Select(r => $"{r.Path}:{r.Line}"));
        Assert.Equal("src/C.cs:2", Assert.Single(result.References, r => r.Flag == "my_flag").Path + ":2");
        Assert.Contains(result.References, r => r.Flag == "other_my_flag");
        Assert.Contains(result.References, r => r.Flag == "my_flag_suffix");
    }

    [Fact]
    public void Camel_case_names_map_back_to_the_known_flag_exactly()
    {
        tree.Write("a.js", "gon.features.chatV2Beta3\n");

        var known = new CodeReferenceScanner(ReferencePattern.Defaults, ["chat_v2_beta_3"]).Scan(tree.Root, TestContext.Current.CancellationToken);
        var unknown = new CodeReferenceScanner(ReferencePattern.Defaults).Scan(tree.Root, TestContext.Current.CancellationToken);

        Assert.Equal("chat_v2_beta_3", Assert.Single(known.References).Flag);
        Assert.Equal("chat_v2_beta3", Assert.Single(unknown.References).Flag);
        Assert.Equal("chatV2Beta3", CodeReferenceScanner.ToCamel("chat_v2_beta_3"));
    }

    [Fact]
    public void Git_folders_node_modules_and_binary_files_are_skipped()
    {
        tree.Write(".git/objects/x.rb", "Feature.enabled?(:in_git)\n");
        tree.Write("node_modules/p/index.js", "gon.features.inModules\n");
        tree.Write("bin/data.rb", "Feature.enabled?(:in_binary)\0\n");
        tree.Write("app/ok.rb", "Feature.enabled?(:real_flag)\n");

        var result = new CodeReferenceScanner(ReferencePattern.Defaults).Scan(tree.Root, TestContext.Current.CancellationToken);

        Assert.Equal("real_flag", Assert.Single(result.References).Flag);
        Assert.Equal(1, result.FilesScanned);
        Assert.Equal(1, result.FilesSkipped);
    }

    [Fact]
    public void A_configured_pattern_replaces_the_defaults()
    {
        tree.Write("a.py", "if flags.is_on('py_flag'):\n    Feature.enabled?(:rb_flag)\n");

        var result = new CodeReferenceScanner([ReferencePattern.Parse("is_on('{name}'")]).Scan(tree.Root, TestContext.Current.CancellationToken);

        var reference = Assert.Single(result.References);
        Assert.Equal(("py_flag", 1, "is_on('{name}'"), (reference.Flag, reference.Line, reference.Pattern));
    }

    [Theory]
    [InlineData("Feature.enabled?(:", "exactly one {name} or {camelName}")]
    [InlineData("x{name}", "at least 3 characters before {name}")]
    [InlineData("a({name}{camelName}", "it holds 2")]
    public void A_bad_pattern_is_refused_with_what_to_fix(string template, string expected)
    {
        var problem = ReferencePattern.TryParse(template, out var pattern);

        Assert.Null(pattern);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}

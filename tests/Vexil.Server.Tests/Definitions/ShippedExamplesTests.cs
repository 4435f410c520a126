using Vexil.Server.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Definitions;

/// <summary>The definitions shipped in <c>examples/feature_flags</c> (the two seed flags) load cleanly.</summary>
public sealed class ShippedExamplesTests
{
    private static readonly string ExamplesFolder = Path.Combine(FindRepositoryRoot(), "examples", "feature_flags");

    [Fact]
    public void The_examples_load_with_no_errors()
    {
        var catalog = DefinitionLoader.Load([ExamplesFolder]);

        Assert.Empty(catalog.Errors);
        Assert.Equal(["code_suggestions_context", "duo_chat_multi_thread"], catalog.Definitions.Select(definition => definition.Name));
    }

    [Fact]
    public void Duo_chat_multi_thread_is_a_beta_flag_of_duo_chat_that_starts_off()
    {
        var definition = DefinitionLoader.Load([ExamplesFolder]).ByName["duo_chat_multi_thread"];

        Assert.Same(DefinitionType.Beta, definition.Type);
        Assert.Equal("group::duo chat", definition.Group);
        Assert.Equal("17.9", definition.Milestone);
        Assert.False(definition.DefaultEnabled);
        Assert.Equal("https://gitlab.com/gitlab-org/gitlab/-/merge_requests/177977", definition.IntroducedByUrl);
        Assert.NotNull(definition.RolloutIssueUrl);
    }

    [Fact]
    public void Code_suggestions_context_is_a_derisk_flag_of_code_creation_that_starts_off()
    {
        var definition = DefinitionLoader.Load([ExamplesFolder]).ByName["code_suggestions_context"];

        Assert.Same(DefinitionType.GitLabComDerisk, definition.Type);
        Assert.Equal("group::code creation", definition.Group);
        Assert.Equal("16.11", definition.Milestone);
        Assert.False(definition.DefaultEnabled);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vexil.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Vexil.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}

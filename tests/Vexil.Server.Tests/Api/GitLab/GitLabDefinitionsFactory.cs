using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>The server with the shipped example definitions loaded (duo_chat_multi_thread, code_suggestions_context).</summary>
public sealed class GitLabDefinitionsFactory : GitLabApiFactory
{
    /// <summary>Creates the factory.</summary>
    public GitLabDefinitionsFactory()
        : base(new Dictionary<string, string?> { ["Vexil:Definitions:Paths:0"] = TestPaths.ExampleDefinitions })
    {
    }
}

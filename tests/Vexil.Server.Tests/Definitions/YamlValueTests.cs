using Vexil.Server.Definitions;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Vexil.Server.Tests.Definitions;

/// <summary>Scalars resolve as Ruby's Psych (YAML 1.1) resolves them, since that is how GitLab reads definitions.</summary>
public sealed class YamlValueTests
{
    [Theory]
    [InlineData("17.9", "Float")]
    [InlineData("17.10", "Float")]
    [InlineData("-1.5e+3", "Float")]
    [InlineData(".inf", "Float")]
    [InlineData(".NaN", "Float")]
    [InlineData("17", "Integer")]
    [InlineData("0x1F", "Integer")]
    [InlineData("1_000", "Integer")]
    [InlineData("2025-01-31", "Timestamp")]
    [InlineData("2025-01-31 10:00:00", "Timestamp")]
    [InlineData("true", "Boolean")]
    [InlineData("On", "Boolean")]
    [InlineData("NO", "Boolean")]
    [InlineData("~", "Null")]
    [InlineData("Null", "Null")]
    [InlineData("", "Null")]
    [InlineData("17.9.1", "String")]
    [InlineData("v17.9", "String")]
    [InlineData("y", "String")]
    [InlineData("group::duo chat", "String")]
    [InlineData("https://gitlab.com/gitlab-org/gitlab/-/issues/1", "String")]
    [InlineData("'17.9'", "String")]
    [InlineData("\"true\"", "String")]
    [InlineData("!!str 17.9", "String")]
    [InlineData("! 17.9", "String")]
    [InlineData("!!float 17", "Float")]
    [InlineData("!ruby/object 17.9", "Tagged")]
    [InlineData("{ a: 1 }", "Mapping")]
    [InlineData("[1, 2]", "Sequence")]
    public void Values_resolve_as_psych_resolves_them(string yamlValue, string expectedKind)
    {
        // The kind is named as text because the enum is internal and test methods are public.
        Assert.Equal(expectedKind, Resolve(yamlValue).Kind.ToString());
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("TRUE", true)]
    [InlineData("off", false)]
    [InlineData("False", false)]
    public void Booleans_carry_their_value(string yamlValue, bool expected)
    {
        Assert.Equal(expected, Resolve(yamlValue).Boolean);
    }

    private static YamlValue Resolve(string yamlValue)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader($"value: {yamlValue}\n"));
        var mapping = (YamlMappingNode)stream.Documents[0].RootNode;
        return YamlValue.From(mapping.Children[new YamlScalarNode("value")]);
    }
}

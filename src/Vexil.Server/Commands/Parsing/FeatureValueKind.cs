namespace Vexil.Server.Commands.Parsing;

/// <summary>What a <c>feature set</c> value says.</summary>
public enum FeatureValueKind
{
    /// <summary><c>true</c>.</summary>
    True,

    /// <summary><c>false</c>.</summary>
    False,

    /// <summary>A number from 0 to 100.</summary>
    Percentage,
}

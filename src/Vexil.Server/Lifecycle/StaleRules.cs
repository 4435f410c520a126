namespace Vexil.Server.Lifecycle;

/// <summary>The rules that make a flag past its lifetime stale, as the API names them.</summary>
public static class StaleRules
{
    /// <summary>One value (on everywhere, or off everywhere) in every environment for N days.</summary>
    public const string OneValue = "one_value";

    /// <summary>Not evaluated anywhere for N days (from the SDKs' evaluation counts).</summary>
    public const string NotEvaluated = "not_evaluated";

    /// <summary>No definition any more, but stored state somewhere.</summary>
    public const string NoDefinition = "no_definition";
}

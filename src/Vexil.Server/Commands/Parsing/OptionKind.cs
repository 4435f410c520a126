namespace Vexil.Server.Commands.Parsing;

/// <summary>How an option of the <c>feature</c> command is written.</summary>
internal enum OptionKind
{
    /// <summary>A switch such as <c>--actors</c>: no value.</summary>
    Switch,

    /// <summary>An option with a value: <c>--user=lulalala</c> or <c>--user lulalala</c>.</summary>
    Valued,

    /// <summary>An environment switch such as <c>--staging</c>, generated from the configured environments.</summary>
    Environment,
}

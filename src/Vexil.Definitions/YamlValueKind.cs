namespace Vexil.Definitions;

/// <summary>What a YAML value is once resolved the way Ruby's Psych resolves it (YAML 1.1), which is how GitLab reads definitions.</summary>
internal enum YamlValueKind
{
    /// <summary><c>~</c>, <c>null</c> or nothing at all after the colon.</summary>
    Null,

    /// <summary><c>true</c>/<c>false</c>, and YAML 1.1's <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>.</summary>
    Boolean,

    /// <summary>A plain integer such as <c>17</c>.</summary>
    Integer,

    /// <summary>A plain float such as <c>17.9</c>: the reason a milestone must be quoted.</summary>
    Float,

    /// <summary>A plain date or time such as <c>2025-01-31</c>.</summary>
    Timestamp,

    /// <summary>Text: quoted, a block scalar, tagged <c>!!str</c>, or plain text that is nothing else.</summary>
    String,

    /// <summary>A scalar with a tag other than YAML's own, e.g. <c>!ruby/object</c>.</summary>
    Tagged,

    /// <summary>A nested <c>key: value</c> block or <c>{ }</c>.</summary>
    Mapping,

    /// <summary>A list, <c>- item</c> or <c>[ ]</c>.</summary>
    Sequence,
}

namespace Vexil.Definitions.References;

/// <summary>How a pattern writes the flag's name in code.</summary>
public enum ReferenceNameForm
{
    /// <summary>As defined, in snake case (<c>{name}</c>): <c>duo_chat_multi_thread</c>.</summary>
    Snake,

    /// <summary>
    /// In lower camel case (<c>{camelName}</c>), as GitLab hands flags to JavaScript through
    /// <c>push_frontend_feature_flag</c> (Rails' <c>camelize(:lower)</c>): <c>duoChatMultiThread</c>.
    /// </summary>
    Camel,
}

namespace Vexil.Server.Commands.Parsing;

/// <summary>The subcommands of <c>feature</c>, as GitLab's ChatOps names them, plus help.</summary>
public enum FeatureSubcommand
{
    /// <summary><c>feature get NAME</c>: one flag's state.</summary>
    Get,

    /// <summary><c>feature set NAME VALUE</c>: change a flag.</summary>
    Set,

    /// <summary><c>feature list</c>: enabled and disabled flags.</summary>
    List,

    /// <summary><c>feature delete NAME</c>: remove a flag's stored state.</summary>
    Delete,

    /// <summary><c>feature cleanup NAME [--force]</c>: delete the flag's state in every environment, in order.</summary>
    Cleanup,

    /// <summary><c>feature --help</c>.</summary>
    Help,

    /// <summary><c>feature rollout NAME ...</c> and <c>feature rollout status|pause|resume|abort NAME</c>: guarded rollout plans.</summary>
    Rollout,

    /// <summary><c>feature checklist NAME</c>: the rollout checklist from live state.</summary>
    Checklist,
}

namespace Vexil.Server.Commands;

/// <summary>The answer to <c>feature --help</c>, with the environment switches of this server.</summary>
internal static class HelpText
{
    /// <summary>Builds the help for the given environment list (e.g. "--dev, --staging (--gstg), ...") and default environment.</summary>
    public static string Build(string environmentList, string defaultEnvironment) =>
        $"""
        Usage:
          feature get NAME [ENVIRONMENTS]
          feature set NAME VALUE [TARGETS] [--actors] [OVERRIDES] [ENVIRONMENTS]
          feature list [--match TEXT] [--stale] [ENVIRONMENTS]
          feature delete NAME [--ignore-production-check] [ENVIRONMENTS]
          feature rollout NAME [--steps 1,10,25,50,75,100] [--every 15m] [--actors] [--check NAME ...] [--verify 1d] [ENVIRONMENT]
          feature rollout status|pause|resume|abort NAME [ENVIRONMENT]
          feature checklist NAME
          feature cleanup NAME [--force] [--ignore-production-check]   (every environment, in order)
          feature --help

        VALUE: `true`, `false`, or a percentage from 0 to 100 with at most 3 decimals. 0 disables and 100 enables;
          a percentage in between needs `--actors` (a percentage of actors) or `--random` (of time, deprecated).
        TARGETS (comma lists; options may come before or after the name, as --opt=value or --opt value):
          --user=NAME --project=PATH --group=PATH --namespace=PATH --repository=PATH --feature-group=NAME
        OVERRIDES: --ignore-production-check --ignore-feature-flag-consistency-check --ignore-deployment-check
          --ignore-random-deprecation-check
          --force (set a flag that has no definition)
        ENVIRONMENTS (default {defaultEnvironment}; several run in this order): {environmentList}

        Examples:
          feature set duo_chat_multi_thread 50 --actors --dev --pre --staging --staging-ref
          feature set --user=lulalala duo_chat_multi_thread true
          feature get duo_chat_multi_thread --staging
          feature delete duo_chat_multi_thread --dev --pre --staging --staging-ref --production
          feature rollout duo_chat_multi_thread --production --every 15m --actors --check error_rate
        """;
}

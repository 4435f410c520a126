using Vexil.Server.Changes;
using Vexil.Server.Environments;
using Vexil.Server.Text;

namespace Vexil.Server.Commands.Parsing;

/// <summary>
/// Turns command text into a <see cref="FeatureCommand"/>, following GitLab's ChatOps grammar:
/// <c>feature set NAME VALUE [options]</c>, <c>feature get NAME</c>, <c>feature list [--match TEXT]</c>,
/// <c>feature delete NAME</c>, <c>feature --help</c>. Options may come before or after the name, as
/// <c>--opt=value</c> or <c>--opt value</c>; target options take comma lists and may repeat. A leading
/// <c>/chatops run</c> or <c>run</c> is dropped, as is the word <c>feature</c>. Environment switches
/// (<c>--staging</c>, <c>--gstg</c>, ...) come from the configured environments. Never throws: every input gets
/// either a command or a sentence saying what to fix.
/// </summary>
public sealed class FeatureCommandParser
{
    /// <summary>Longest command text accepted.</summary>
    public const int MaxTextLength = 16 * 1024;

    private static readonly Dictionary<string, FeatureSubcommand> Subcommands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["get"] = FeatureSubcommand.Get,
        ["set"] = FeatureSubcommand.Set,
        ["list"] = FeatureSubcommand.List,
        ["delete"] = FeatureSubcommand.Delete,
        ["cleanup"] = FeatureSubcommand.Cleanup,
        ["help"] = FeatureSubcommand.Help,
        ["rollout"] = FeatureSubcommand.Rollout,
        ["checklist"] = FeatureSubcommand.Checklist,
    };

    private static readonly HashSet<string> RolloutActions = new(StringComparer.OrdinalIgnoreCase) { "status", "pause", "resume", "abort" };

    private static readonly Dictionary<FeatureSubcommand, HashSet<string>> Allowed = new()
    {
        [FeatureSubcommand.Get] = [],
        [FeatureSubcommand.List] = [OptionNames.Match, OptionNames.Stale],
        [FeatureSubcommand.Delete] = [OptionNames.IgnoreProductionCheck],
        [FeatureSubcommand.Cleanup] = [OptionNames.Force, OptionNames.IgnoreProductionCheck],
        [FeatureSubcommand.Set] =
        [
            OptionNames.Actors, OptionNames.Random, OptionNames.User, OptionNames.Project, OptionNames.Group, OptionNames.Namespace,
            OptionNames.Repository, OptionNames.FeatureGroup, OptionNames.IgnoreProductionCheck, OptionNames.IgnoreConsistencyCheck,
            OptionNames.IgnoreDeploymentCheck, OptionNames.IgnoreRandomDeprecationCheck, OptionNames.Force,
        ],
        [FeatureSubcommand.Rollout] = [OptionNames.Actors, OptionNames.Steps, OptionNames.Every, OptionNames.Check, OptionNames.Verify],
        [FeatureSubcommand.Checklist] = [],
    };

    private readonly EnvironmentCatalog catalog;
    private readonly Dictionary<string, VexilEnvironment> environmentSwitches = new(StringComparer.OrdinalIgnoreCase);
    private readonly string environmentList;

    /// <summary>Creates the parser; throws when an environment is named like an option (<c>--user</c> cannot be both).</summary>
    public FeatureCommandParser(EnvironmentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.catalog = catalog;
        foreach (var environment in catalog.All)
        {
            foreach (var name in environment.Aliases.Prepend(environment.Name))
            {
                if (OptionNames.Valued.Contains(name, StringComparer.OrdinalIgnoreCase) || OptionNames.Switches.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"Environment name or alias '{name}' is also an option of the feature command (--{name}); rename it in Vexil:Environments.");
                }

                environmentSwitches[name] = environment;
            }
        }

        environmentList = string.Join(", ", catalog.All.Select(e =>
            e.Aliases.Count == 0 ? $"--{e.Name}" : $"--{e.Name} ({string.Join(", ", e.Aliases.Select(a => "--" + a))})"));
    }

    /// <summary>The environment switches, e.g. "--staging (--gstg)", for help and error texts.</summary>
    public string EnvironmentList => environmentList;

    /// <summary>The environment the command uses when it names none.</summary>
    public VexilEnvironment DefaultEnvironment => catalog.Default;

    /// <summary>Parses a command.</summary>
    public ParseResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult.Fail(CommandMessages.Empty);
        }

        if (text.Length > MaxTextLength)
        {
            return ParseResult.Fail($"The command is {text.Length} characters long; send at most {MaxTextLength}.");
        }

        var tokenized = CommandTokenizer.Tokenize(text);
        if (tokenized.Error is { } tokenError)
        {
            return ParseResult.Fail(tokenError);
        }

        var words = tokenized.Tokens;
        var index = SkipPrefix(words, out var prefixError);
        if (prefixError is not null)
        {
            return ParseResult.Fail(prefixError);
        }

        var state = new ParseState();
        for (var i = index; i < words.Count; i++)
        {
            i = ReadWord(words, i, state);
        }

        return Build(state);
    }

    // Drops "/chatops", "run" and "feature"; anything else in front is not our command.
    private static int SkipPrefix(IReadOnlyList<CommandToken> words, out string? error)
    {
        error = null;
        var index = 0;
        if (index < words.Count && Is(words[index], "/chatops"))
        {
            index++;
        }

        if (index < words.Count && Is(words[index], "run"))
        {
            index++;
        }

        if (index < words.Count && Is(words[index], "feature"))
        {
            return index + 1;
        }

        if (index >= words.Count)
        {
            error = CommandMessages.Empty;
        }
        else if (!Subcommands.ContainsKey(words[index].Text) && !words[index].Text.StartsWith('-'))
        {
            error = $"Unknown command {RubyInspect.Of(words[index].Text)}: Vexil answers the `feature`, `auto_deploy status` and `release check` commands, e.g. `feature get duo_chat_multi_thread`; `feature --help` shows how.";
        }

        return index;
    }

    private int ReadWord(IReadOnlyList<CommandToken> words, int i, ParseState state)
    {
        var word = words[i];
        if (word.Quoted || state.EndOfOptions)
        {
            state.Positionals.Add(word.Text);
            return i;
        }

        var text = NormalizeDashes(word.Text);
        if (text == "--")
        {
            state.EndOfOptions = true;
            return i;
        }

        if (text == "-h")
        {
            state.Help = true;
            return i;
        }

        if (!text.StartsWith("--", StringComparison.Ordinal))
        {
            if (text.Length > 1 && text[0] == '-' && !char.IsAsciiDigit(text[1]) && text[1] != '.')
            {
                state.Error ??= UnknownOption(text, null);
            }
            else
            {
                state.Positionals.Add(word.Text);
            }

            return i;
        }

        var body = text[2..];
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? body : body[..equals]).ToLowerInvariant();
        var value = equals < 0 ? null : body[(equals + 1)..];

        if (OptionNames.Switches.Contains(name))
        {
            if (value is not null)
            {
                state.Error ??= $"`--{name}` takes no value: write `--{name}` on its own.";
            }

            state.Used.Add(name);
            state.Switches.Add(name);
            state.Help |= name == OptionNames.Help;
            return i;
        }

        if (environmentSwitches.TryGetValue(name, out var environment))
        {
            if (value is not null)
            {
                state.Error ??= $"`--{name}` is an environment and takes no value: write `--{name}` on its own.";
            }

            state.Environments.Add(environment);
            return i;
        }

        if (!OptionNames.Valued.Contains(name))
        {
            state.Error ??= UnknownOption(text, name);
            return i;
        }

        state.Used.Add(name);
        if (value is null && i + 1 < words.Count && (words[i + 1].Quoted || !NormalizeDashes(words[i + 1].Text).StartsWith("--", StringComparison.Ordinal)))
        {
            value = words[++i].Text;
        }

        if (name == OptionNames.Match)
        {
            if (string.IsNullOrEmpty(value))
            {
                state.Error ??= "`--match` needs the text to look for, e.g. `--match=duo`.";
            }

            state.Match = value;
            return i;
        }

        // A rollout's ladder and durations are kept as typed: the rollout checks say what is wrong with them (a
        // repeated step must be reported, not silently merged as a repeated target would be).
        if (name is OptionNames.Steps or OptionNames.Every or OptionNames.Verify)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                state.Error ??= $"`--{name}` needs a value, e.g. `--{name}={RolloutExample(name)}`.";
            }

            state.Raw[name] = value ?? string.Empty;
            return i;
        }

        var items = (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        if (items.All(item => item.Length == 0))
        {
            state.Error ??= $"`--{name}` needs a value, e.g. `--{name}={Example(name)}` (a comma list for several).";
            return i;
        }

        // An empty name between commas is refused, as GitLab refuses it, rather than dropped: it is often a name
        // that went missing while the list was pasted together.
        if (items.Contains(string.Empty))
        {
            state.Error ??= $"`--{name}` has an empty name in its list: remove the extra comma, e.g. `--{name}={Example(name)},{Example(name)}2`.";
            return i;
        }

        if (!state.Targets.TryGetValue(name, out var list))
        {
            state.Targets[name] = list = [];
        }

        list.AddRange(items.Where(item => !list.Contains(item, StringComparer.Ordinal)));
        return i;
    }

    private ParseResult Build(ParseState state)
    {
        if (state.Help || (state.Positionals.Count > 0 && Subcommands.TryGetValue(state.Positionals[0], out var asked) && asked == FeatureSubcommand.Help))
        {
            return ParseResult.Of(new FeatureCommand { Subcommand = FeatureSubcommand.Help });
        }

        if (state.Positionals.Count == 0 || !Subcommands.TryGetValue(state.Positionals[0], out var subcommand))
        {
            return ParseResult.Fail(CommandMessages.InvalidSubcommand);
        }

        if (state.Error is { } error)
        {
            return ParseResult.Fail(error);
        }

        var verb = subcommand.ToString().ToLowerInvariant();
        if (state.Used.FirstOrDefault(option => !Allowed[subcommand].Contains(option)) is { } misplaced)
        {
            return ParseResult.Fail($"`--{misplaced}` does not apply to `feature {verb}`; `feature --help` shows the options of each subcommand.");
        }

        string? rolloutAction = null;
        if (subcommand == FeatureSubcommand.Rollout)
        {
            // `feature rollout NAME [options]` starts a plan; `feature rollout status|pause|resume|abort NAME` controls it.
            if (state.Positionals.Count > 1 && RolloutActions.Contains(state.Positionals[1]))
            {
                rolloutAction = state.Positionals[1].ToLowerInvariant();
                if (state.Positionals.Count < 3)
                {
                    return ParseResult.Fail($"`feature rollout {rolloutAction}` needs the flag's name, e.g. `feature rollout {rolloutAction} duo_chat_multi_thread`.");
                }

                if (state.Used.FirstOrDefault(option => option != OptionNames.Actors) is { } startOnly)
                {
                    return ParseResult.Fail($"`--{startOnly}` applies to starting a plan (`feature rollout NAME --{startOnly} ...`), not to `feature rollout {rolloutAction}`.");
                }

                state.Positionals.RemoveAt(1);
            }
            else
            {
                rolloutAction = "start";
            }
        }

        var maxPositionals = subcommand switch
        {
            FeatureSubcommand.Set => 3,
            FeatureSubcommand.List => 1,
            _ => 2,
        };
        if (state.Positionals.Count > maxPositionals)
        {
            var extra = RubyInspect.Of(state.Positionals[maxPositionals]);
            return ParseResult.Fail(subcommand switch
            {
                FeatureSubcommand.Set => $"Unexpected argument {extra}: `feature set NAME VALUE` takes one name and one value; quote a name or value that contains spaces.",
                FeatureSubcommand.List => $"Unexpected argument {extra}: `feature list` takes no name; to filter, use `--match TEXT`.",
                FeatureSubcommand.Rollout => $"Unexpected argument {extra}: write `feature rollout NAME [options]` to start a plan, or `feature rollout status|pause|resume|abort NAME`.",
                _ => $"Unexpected argument {extra}: `feature {verb} NAME` takes one name.",
            });
        }

        var targetCount = new[] { OptionNames.User, OptionNames.Project, OptionNames.Group, OptionNames.Namespace, OptionNames.Repository }
            .Sum(option => state.TargetList(option).Count);
        if (targetCount > ChangeTargetLimit.MaxTargets)
        {
            return ParseResult.Fail(ChangeTargetLimit.TooMany(targetCount));
        }

        var name = state.Positionals.Count > 1 ? state.Positionals[1].Trim('`') : null;

        // Clean-up removes the flag everywhere, so it takes no environment switch and runs through all of them in order.
        if (subcommand == FeatureSubcommand.Cleanup && state.Environments.Count > 0)
        {
            return ParseResult.Fail("`feature cleanup NAME` deletes the flag's state in every environment, so it takes no environment switch; to delete it in one environment, use `feature delete NAME --ENV`.");
        }

        var environments = subcommand == FeatureSubcommand.Cleanup
            ? catalog.All.OrderBy(e => e.Order).ToArray()
            : state.Environments.Count == 0
            ? [catalog.Default]
            : state.Environments.Distinct().OrderBy(e => e.Order).ToArray();

        return ParseResult.Of(new FeatureCommand
        {
            Subcommand = subcommand,
            Name = string.IsNullOrEmpty(name) ? null : name,
            Value = state.Positionals.Count > 2 ? state.Positionals[2] : null,
            Environments = environments,
            EnvironmentsNamed = state.Environments.Count > 0,
            Targets = new FeatureTargets
            {
                Users = state.TargetList(OptionNames.User),
                Projects = state.TargetList(OptionNames.Project),
                Groups = state.TargetList(OptionNames.Group),
                Namespaces = state.TargetList(OptionNames.Namespace),
                Repositories = state.TargetList(OptionNames.Repository),
                FeatureGroups = state.TargetList(OptionNames.FeatureGroup),
            },
            Actors = state.Switches.Contains(OptionNames.Actors),
            Random = state.Switches.Contains(OptionNames.Random),
            IgnoreProductionCheck = state.Switches.Contains(OptionNames.IgnoreProductionCheck),
            IgnoreConsistencyCheck = state.Switches.Contains(OptionNames.IgnoreConsistencyCheck),
            IgnoreDeploymentCheck = state.Switches.Contains(OptionNames.IgnoreDeploymentCheck),
            IgnoreRandomDeprecationCheck = state.Switches.Contains(OptionNames.IgnoreRandomDeprecationCheck),
            Force = state.Switches.Contains(OptionNames.Force),
            Match = state.Match,
            RolloutAction = rolloutAction,
            Steps = state.Raw.GetValueOrDefault(OptionNames.Steps),
            Every = state.Raw.GetValueOrDefault(OptionNames.Every),
            Verify = state.Raw.GetValueOrDefault(OptionNames.Verify),
            Checks = state.TargetList(OptionNames.Check),
            Stale = state.Switches.Contains(OptionNames.Stale),
        });
    }

    private string UnknownOption(string typed, string? name)
    {
        var known = OptionNames.Valued.Concat(OptionNames.Switches).Concat(environmentSwitches.Keys).ToArray();
        var suggestion = name is null ? null : OptionSuggestions.Closest(name, known);
        var hint = suggestion is null ? string.Empty : $" Did you mean `--{suggestion}`?";
        return $"Unknown option `{Printable.Of(typed)}`.{hint} Environments: {environmentList}. `feature --help` lists every option.";
    }

    // Chat clients and word processors turn "--actors" into "—actors" (em dash) or "–actors" (en dash).
    private static string NormalizeDashes(string text) =>
        text.Length > 1 && text[0] is '\u2014' or '\u2013' && text[1] != '-' ? "--" + text[1..] : text;

    private static string RolloutExample(string option) => option switch
    {
        OptionNames.Steps => "1,10,25,50,75,100",
        OptionNames.Every => "15m",
        _ => "1d",
    };

    private static bool Is(CommandToken token, string word) => token.Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    private static string Example(string option) => option switch
    {
        OptionNames.User => "lulalala",
        OptionNames.FeatureGroup => "gitlab_team_members",
        OptionNames.Project => "gitlab-org/gitlab",
        OptionNames.Check => "error_rate",
        _ => "gitlab-org",
    };

    private sealed class ParseState
    {
        public List<string> Positionals { get; } = [];

        public List<string> Used { get; } = [];

        public HashSet<string> Switches { get; } = new(StringComparer.Ordinal);

        public List<VexilEnvironment> Environments { get; } = [];

        public Dictionary<string, List<string>> Targets { get; } = new(StringComparer.Ordinal);

        public string? Match { get; set; }

        public Dictionary<string, string> Raw { get; } = new(StringComparer.Ordinal);

        public bool Help { get; set; }

        public bool EndOfOptions { get; set; }

        public string? Error { get; set; }

        public IReadOnlyList<string> TargetList(string option) => Targets.TryGetValue(option, out var list) ? list : [];
    }
}

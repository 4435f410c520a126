using Vexil.Server.Commands.DoorPolicies;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Results;
using Vexil.Server.Rollouts;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// <c>feature rollout NAME [--steps 1,10,25,50,75,100] [--every 15m] [--actors] [--check NAME ...] [--verify 1d]
/// [ENVIRONMENT]</c> starts a guarded rollout plan; <c>feature rollout status|pause|resume|abort NAME</c> shows or
/// controls it. Starting and controlling pass the door's policies (token rights, the production channel and users) as
/// a change would; each step then goes through the guard rails on its own.
/// </summary>
public sealed class RolloutCommandHandler(RolloutEngine engine, DoorPolicyOrder policies)
{
    /// <summary>Handles the command.</summary>
    public async Task<CommandResult> HandleAsync(CommandRequest request, FeatureCommand command, CancellationToken cancellationToken)
    {
        if (ArgumentChecks.FirstRefusal(ArgumentChecks.Named, command) is { } refusal)
        {
            return CommandResult.Usage(refusal);
        }

        if (command.Environments.Count != 1)
        {
            return CommandResult.Usage("A rollout plan runs in one environment: name one, e.g. `--production`.");
        }

        var name = command.Name!;
        var environment = command.Environments[0];
        var action = command.RolloutAction ?? "start";
        if (action == "status")
        {
            if (TokenAccess.ReadRefusal(request, environment) is { } denied)
            {
                return CommandResult.Refused(denied);
            }

            return await engine.GetActiveAsync(name, environment.Name, cancellationToken) is { } active
                ? Shown(environment.Name, active, null)
                : CommandResult.Success($"{name} has no active rollout plan on {environment.Name}.", []);
        }

        // Starting or controlling a plan changes production as surely as `feature set` does: the same door rules.
        var context = new DoorPolicyContext(request, [new EnvironmentPlan(environment, [], false)]);
        foreach (var policy in policies.InOrder)
        {
            await policy.EvaluateAsync(context, cancellationToken);
            if (context.Refusals.Count > 0)
            {
                return CommandResult.Refused(context.Refusals.Values.First());
            }
        }

        var user = ChangeOrigins.UserOf(request);
        var outcome = action switch
        {
            "pause" => await engine.PauseAsync(name, environment.Name, user, cancellationToken),
            "resume" => await engine.ResumeAsync(name, environment.Name, user, cancellationToken),
            "abort" => await engine.AbortAsync(name, environment.Name, user, cancellationToken),
            _ => await StartAsync(request, command, environment.Name, user, cancellationToken),
        };
        if (outcome.Plan is not { } plan)
        {
            return CommandResult.Refused(outcome.Problem!);
        }

        var headline = action switch
        {
            "pause" => "The rollout plan is paused.",
            "resume" => "The rollout plan is resumed.",
            "abort" => "The rollout plan is aborted; the flag stays as it is.",
            _ when plan.Status == RolloutStatus.Paused => "The rollout plan was started but its first step was not applied, so it is paused.",
            _ => "The rollout plan is started.",
        };
        return Shown(environment.Name, plan, headline);
    }

    private async Task<RolloutOutcome> StartAsync(CommandRequest request, FeatureCommand command, string environment, string user, CancellationToken cancellationToken)
    {
        var steps = RolloutArguments.DefaultSteps;
        if (command.Steps is { } typed)
        {
            var (parsed, problem) = RolloutArguments.ParseSteps(typed);
            if (problem is not null)
            {
                return RolloutOutcome.Refused(problem);
            }

            steps = parsed!;
        }

        var every = RolloutArguments.DefaultEvery;
        if (command.Every is { } everyText)
        {
            var (parsed, problem) = RolloutArguments.ParseDuration(OptionNames.Every, everyText, allowZero: false);
            if (problem is not null)
            {
                return RolloutOutcome.Refused(problem);
            }

            every = parsed!.Value;
        }

        var verify = RolloutArguments.DefaultVerify;
        if (command.Verify is { } verifyText)
        {
            var (parsed, problem) = RolloutArguments.ParseDuration(OptionNames.Verify, verifyText, allowZero: true);
            if (problem is not null)
            {
                return RolloutOutcome.Refused(problem);
            }

            verify = parsed!.Value;
        }

        return await engine.StartAsync(new RolloutRequest(command.Name!, environment, steps, every, verify, command.Checks, user, request.Source), cancellationToken);
    }

    private static CommandResult Shown(string environment, RolloutPlan plan, string? headline) =>
        CommandResult.Success(headline, [new EnvironmentResult(environment, EnvironmentStatus.Shown) { Message = RolloutPlanText.Describe(plan) }]);
}

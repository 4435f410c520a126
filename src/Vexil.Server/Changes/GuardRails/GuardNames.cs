namespace Vexil.Server.Changes.GuardRails;

/// <summary>The names of the guard rails, as attempts record them (<c>guard</c> in the audit details).</summary>
public static class GuardNames
{
    /// <summary>The flag has no definition.</summary>
    public const string Definition = "definition_check";

    /// <summary>Production is not healthy enough: incidents, change locks, the external check.</summary>
    public const string Production = "production_check";

    /// <summary>Production would be ahead of staging.</summary>
    public const string Consistency = "consistency_check";

    /// <summary>The environment's last deployment does not contain the merge request that introduced the flag.</summary>
    public const string Deployment = "deployment_check";

    /// <summary>A gate rule, e.g. "Cannot enable percentage of actors for a fully-enabled flag" (input, not recorded as an attempt).</summary>
    public const string GateRules = "gate_rules";

    /// <summary>A chat change of production outside the production channel.</summary>
    public const string ProductionChannel = "production_channel";

    /// <summary>A chat user who is not on the production user list.</summary>
    public const string ProductionUsers = "production_users";

    /// <summary>The caller's token may not change the environment.</summary>
    public const string TokenRights = "token_rights";
}

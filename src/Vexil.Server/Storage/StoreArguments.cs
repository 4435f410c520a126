namespace Vexil.Server.Storage;

/// <summary>
/// Argument checks shared by every <see cref="IFlagStore"/>, so that each backend refuses the same mistakes with the
/// same sentences before it touches the database.
/// </summary>
internal static class StoreArguments
{
    /// <summary>Checks a change request; throws <see cref="ArgumentException"/> saying what to fix.</summary>
    public static void ValidateChange(ChangeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Origin, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Operations, nameof(request));
        RequireName(request.Environment, "environment", nameof(request));
        RequireName(request.Flag, "flag", nameof(request));
        if (string.IsNullOrWhiteSpace(request.Origin.User) || string.IsNullOrWhiteSpace(request.Origin.Via))
        {
            throw new ArgumentException("A change must say who made it and through what: set Origin.User and Origin.Via.", nameof(request));
        }

        if (request.Delete && request.Operations.Count > 0)
        {
            throw new ArgumentException("A delete carries no gate operations: send either Delete or Operations, not both.", nameof(request));
        }

        if (!request.Delete && request.Operations.Count == 0)
        {
            throw new ArgumentException("A change needs at least one gate operation, or Delete set to true.", nameof(request));
        }

        if (request.Operations.Any(operation => operation is null))
        {
            throw new ArgumentException("A change's operations must not contain null entries.", nameof(request));
        }
    }

    /// <summary>Checks an environment name for reads.</summary>
    public static void ValidateEnvironment(string environment, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(environment, parameterName);
        RequireName(environment, "environment", parameterName);
    }

    /// <summary>Checks the arguments of <see cref="IFlagStore.GetChangesSinceAsync"/>.</summary>
    public static void ValidateChangesSince(string environment, long afterSequence, int limit)
    {
        ValidateEnvironment(environment, nameof(environment));
        if (afterSequence < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(afterSequence), afterSequence, "Sequence numbers start at 0: pass 0 to read every change.");
        }

        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "Ask for at least one change: pass a limit of 1 or more.");
        }
    }

    /// <summary>Checks an audit query; throws <see cref="ArgumentException"/> saying what to fix.</summary>
    public static void ValidateAuditQuery(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Page < 1)
        {
            throw new ArgumentException($"Audit page {query.Page} does not exist: pages start at 1.", nameof(query));
        }

        if (query.PageSize < 1 || query.PageSize > AuditQuery.MaxPageSize)
        {
            throw new ArgumentException(
                $"Audit page size {query.PageSize} is out of range: ask for 1 to {AuditQuery.MaxPageSize} events per page.",
                nameof(query));
        }

        if (query.From is { } from && query.To is { } to && from > to)
        {
            throw new ArgumentException(
                $"The audit range starts ({from:O}) after it ends ({to:O}): swap From and To.",
                nameof(query));
        }
    }

    /// <summary>Checks an audit record before it is appended; throws <see cref="ArgumentException"/> saying what to fix.</summary>
    public static void ValidateRecord(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!AuditKinds.Records.Contains(record.Kind))
        {
            throw new ArgumentException(
                $"Audit record kind '{record.Kind}' is not one Vexil knows: use one of {string.Join(", ", AuditKinds.Records)}.",
                nameof(record));
        }

        RequireName(record.User, "user", nameof(record));
        RequireName(record.Via, "channel", nameof(record));
        ArgumentNullException.ThrowIfNull(record.Details, nameof(record));
    }

    private static void RequireName(string? value, string what, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {what} name is empty: pass the {what}'s canonical name.", parameterName);
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Vexil.Server.Environments;

namespace Vexil.Server.Deployments.Api;

/// <summary>
/// Reads the body of <c>POST /api/v1/deployments</c> field by field, so every mistake gets its own sentence keyed by
/// the JSON field, and a field Vexil does not know is reported rather than ignored (a typo such as <c>finishedAt</c>
/// would otherwise record the wrong time silently).
/// </summary>
internal static class DeploymentRequestReader
{
    /// <summary>The fields the body may carry; other programs are written against exactly these.</summary>
    public static readonly IReadOnlyList<string> Fields = ["environment", "sha", "ref", "status", "finished_at", "url"];

    /// <summary>The deployment the body describes (with id 0), or null with the problems keyed by field.</summary>
    public static Deployment? Read(JsonElement body, EnvironmentCatalog environments, string recordedBy, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["The body must be a JSON object with environment, sha, ref and optionally status, finished_at and url."];
            return null;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!property.NameEquals("environment") && !property.NameEquals("sha") && !property.NameEquals("ref")
                && !property.NameEquals("status") && !property.NameEquals("finished_at") && !property.NameEquals("url"))
            {
                var name = SafeName(property);
                errors[name ?? "body"] = [$"{(name is null ? "A field" : $"'{name}'")} is not a deployment field; send only {string.Join(", ", Fields)}."];
            }
        }

        var environmentText = Text(body, "environment", required: true, errors);
        VexilEnvironment? environment = null;
        if (environmentText is not null)
        {
            environment = environments.Resolve(environmentText);
            if (environment is null)
            {
                errors["environment"] = [environments.UnknownEnvironmentMessage(environmentText)];
            }
        }

        var sha = Text(body, "sha", required: true, errors);
        if (sha is not null && !DeploymentArguments.IsFullSha(sha))
        {
            errors["sha"] = [$"sha '{sha}' is not a full commit sha: send all 40 hexadecimal digits (CI_COMMIT_SHA in GitLab CI)."];
        }

        var reference = Text(body, "ref", required: true, errors);
        if (reference is not null)
        {
            if (reference.Length > DeploymentArguments.MaxRefLength)
            {
                errors["ref"] = [$"ref is {reference.Length} characters long; use at most {DeploymentArguments.MaxRefLength}."];
            }
            else if (reference.Any(char.IsControl))
            {
                errors["ref"] = ["ref contains a control character; send the branch or tag name (CI_COMMIT_REF_NAME)."];
            }
        }

        var status = DeploymentStatus.Success;
        var statusText = Text(body, "status", required: false, errors);
        if (statusText is not null && !DeploymentStatuses.TryParse(statusText, out status))
        {
            errors["status"] = [$"status '{statusText}' is not one Vexil knows; use {string.Join(", ", DeploymentStatuses.Names)}."];
        }

        var finishedAt = now;
        var finishedText = Text(body, "finished_at", required: false, errors);
        if (finishedText is not null)
        {
            // ISO 8601 with an offset only: a time without one would be read in the server's zone and be hours off.
            if (!DateTimeOffset.TryParse(finishedText, CultureInfo.InvariantCulture, DateTimeStyles.None, out finishedAt)
                || !HasOffset(finishedText))
            {
                errors["finished_at"] = [$"finished_at '{finishedText}' is not an ISO 8601 time with an offset; send e.g. 2026-12-04T10:15:00Z, or leave it out for now."];
            }
        }

        var url = Text(body, "url", required: false, errors);
        if (url is not null && (url.Length > DeploymentArguments.MaxUrlLength || !DeploymentArguments.IsHttpUrl(url)))
        {
            errors["url"] = [$"url must be an http or https URL of at most {DeploymentArguments.MaxUrlLength} characters (CI_JOB_URL or CI_PIPELINE_URL); leave it out if there is none."];
        }

        return errors.Count == 0
            ? new Deployment(0, environment!.Name, sha!.ToLowerInvariant(), reference!, status, finishedAt, url, recordedBy)
            : null;
    }

    private static string? Text(JsonElement body, string field, bool required, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors[field] = [$"{field} is required."];
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[field] = [$"{field} must be a JSON string, not {value.ValueKind.ToString().ToLowerInvariant()}."];
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!.Trim();
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode an escaped lone surrogate; say so rather than fail.
            errors[field] = [$"{field} is not valid Unicode text; send plain characters."];
            return null;
        }
        if (text.Length == 0)
        {
            errors[field] = [required ? $"{field} is required and may not be empty." : $"{field} is empty; leave it out instead."];
            return null;
        }

        return text;
    }

    // A field name to quote back, or null when it cannot be written as text (an escaped lone surrogate) or is long.
    private static string? SafeName(JsonProperty property)
    {
        try
        {
            var name = property.Name;
            return name.Length <= 64 && !name.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c is >= '\u200B' and <= '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069') ? name : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool HasOffset(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (time < 0)
        {
            return false;
        }

        var rest = text[time..];
        return rest.EndsWith('Z') || rest.EndsWith('z') || rest.Contains('+', StringComparison.Ordinal) || rest.Contains('-', StringComparison.Ordinal);
    }
}

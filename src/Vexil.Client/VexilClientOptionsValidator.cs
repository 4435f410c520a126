using Microsoft.Extensions.Options;

namespace Vexil.Client;

/// <summary>Checks <see cref="VexilClientOptions"/> and says which setting to fix.</summary>
public sealed class VexilClientOptionsValidator : IValidateOptions<VexilClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, VexilClientOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with the options, one sentence each; empty when they are usable.</summary>
    internal static List<string> Check(VexilClientOptions options)
    {
        var errors = new List<string>();
        if (options.ServerUrl is null || !options.ServerUrl.IsAbsoluteUri || (options.ServerUrl.Scheme != Uri.UriSchemeHttp && options.ServerUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{VexilClientOptions.Section}:ServerUrl must be the server's absolute http(s) address, e.g. https://vexil.example.com/.");
        }

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            errors.Add($"{VexilClientOptions.Section}:Token is empty; give a token with read rights for the environment (create one with POST /api/v1/tokens).");
        }

        if (string.IsNullOrWhiteSpace(options.Environment))
        {
            errors.Add($"{VexilClientOptions.Section}:Environment is empty; name the environment to follow, e.g. production or gprd.");
        }

        Positive(errors, nameof(options.ConnectTimeout), options.ConnectTimeout);
        Positive(errors, nameof(options.RequestTimeout), options.RequestTimeout);
        Positive(errors, nameof(options.HeartbeatTimeout), options.HeartbeatTimeout);
        Positive(errors, nameof(options.InitialReconnectDelay), options.InitialReconnectDelay);
        Positive(errors, nameof(options.PollInterval), options.PollInterval);
        Positive(errors, nameof(options.StreamRetryInterval), options.StreamRetryInterval);
        Positive(errors, nameof(options.MetricsFlushInterval), options.MetricsFlushInterval);
        if (options.MaxReconnectDelay < options.InitialReconnectDelay)
        {
            errors.Add($"{VexilClientOptions.Section}:MaxReconnectDelay ({options.MaxReconnectDelay}) is shorter than InitialReconnectDelay ({options.InitialReconnectDelay}); make it at least as long.");
        }

        return errors;
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{VexilClientOptions.Section}:{name} is {value}; give a positive duration such as 00:00:30.");
        }
    }
}

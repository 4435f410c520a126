namespace Vexil.Server.ChatOps.Replays;

/// <summary>What the seen-request stores share: argument checks and how long a row outlives its expiry.</summary>
public static class SeenRequestRows
{
    /// <summary>The longest platform name or request key accepted (a Slack signature is 67 characters).</summary>
    public const int MaxKeyLength = 200;

    /// <summary>
    /// How long a row is kept after its expiry before it is removed. Each server judges a request's age by its own
    /// clock, and the row is removed by whichever server's clock says so; keeping it this much longer means a server
    /// whose clock is behind by up to this much still finds it while it would accept the request.
    /// </summary>
    public static readonly TimeSpan KeepAfterExpiry = TimeSpan.FromMinutes(5);

    /// <summary>Checks the arguments of <see cref="ISeenRequestStore.TryRecordAsync"/>.</summary>
    public static void Validate(string platform, string key)
    {
        if (string.IsNullOrWhiteSpace(platform) || platform.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A seen request needs its platform, e.g. 'slack', of at most {MaxKeyLength} characters.", nameof(platform));
        }

        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A seen request needs its key (e.g. the Slack signature), of at most {MaxKeyLength} characters.", nameof(key));
        }
    }
}

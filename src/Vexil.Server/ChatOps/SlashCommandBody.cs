namespace Vexil.Server.ChatOps;

/// <summary>
/// Reads a slash command's raw body. The signature covers the exact bytes, so they are read as they came, before any
/// form parsing; the size is capped because nothing is authenticated yet.
/// </summary>
public static class SlashCommandBody
{
    /// <summary>Largest body accepted; Slack's and Mattermost's are a few hundred bytes plus the command text.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Vexil.Server.ChatOps.Mattermost;

/// <summary>Mattermost's slash command authentication: the command's token, sent with every request.</summary>
public static class MattermostToken
{
    /// <summary>
    /// True when <paramref name="presented"/> is <paramref name="expected"/>. Both are hashed first, so the comparison
    /// takes the same time whatever the tokens' lengths and contents.
    /// </summary>
    public static bool Matches(string expected, string? presented)
    {
        ArgumentException.ThrowIfNullOrEmpty(expected);
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())));
    }
}

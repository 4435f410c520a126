using System.Diagnostics;
using Microsoft.Extensions.Options;
using Vexil.Definitions.References;
using Vexil.Server.Definitions;

namespace Vexil.Server.Lifecycle;

/// <summary>
/// Counts, per flag, the places in one revision of the team's repository that still read it, and records them in
/// <see cref="FlagReferenceCounts"/> for the clean-up. The repository mirror is a bare repository (no checkout), so this
/// asks <c>git grep</c> for the lines holding a pattern's prefix at the revision and runs the same
/// <see cref="CodeReferenceScanner"/> as <c>vexil scan</c> over just those lines: git reads its own packed objects far
/// faster than a checkout could be written, and the matching rules stay in one place.
/// Call <see cref="ScanAsync"/> after each fetch of the mirror, with the default branch.
/// </summary>
public sealed class RepositoryReferenceScanner(
    FlagReferenceCounts counts,
    DefinitionRegistry definitions,
    IOptionsMonitor<LifecycleOptions> options,
    TimeProvider time,
    ILogger<RepositoryReferenceScanner> logger)
{
    /// <summary>The longest a scan may take before it is stopped.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Scans <paramref name="revision"/> of the repository at <paramref name="gitDirectory"/>; records and returns the counts.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ScanAsync(string gitDirectory, string revision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gitDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(revision);
        var patterns = options.CurrentValue.Patterns.Count == 0
            ? ReferencePattern.Defaults
            : options.CurrentValue.Patterns.Select(ReferencePattern.Parse).ToArray();
        var scanner = new CodeReferenceScanner(patterns, definitions.Current.ByName.Keys);
        var watch = Stopwatch.StartNew();

        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--git-dir", gitDirectory, "grep", "-z", "-n", "-I", "-F" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var prefix in patterns.Select(pattern => pattern.Prefix).Distinct(StringComparer.Ordinal))
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(prefix);
        }

        start.ArgumentList.Add(revision);
        start.ArgumentList.Add("--");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started; install git on the server.");
        var errors = git.StandardError.ReadToEndAsync(timeout.Token);
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            // -z: "REV:PATH\0LINE\0TEXT" per matching line, so paths with colons are read whole.
            while (await git.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var parts = line.Split('\0', 3);
                if (parts.Length < 3)
                {
                    continue;
                }

                var path = parts[0][(parts[0].IndexOf(':', StringComparison.Ordinal) + 1)..];
                foreach (var reference in scanner.ScanText(path, parts[2]).Where(reference => !reference.IsDefinition))
                {
                    found[reference.Flag] = found.GetValueOrDefault(reference.Flag) + 1;
                }
            }

            await git.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            git.Kill(entireProcessTree: true);
            throw;
        }

        // git grep exits 1 when nothing matches: no references, not a failure.
        if (git.ExitCode > 1)
        {
            throw new InvalidOperationException($"git grep failed on {revision} in {gitDirectory}: {(await errors).Trim()}");
        }

        counts.Record(revision, time.GetUtcNow(), found);
        logger.LogInformation("Scanned {Revision} for flag references in {Elapsed} ms: {Flags} flags still read", revision, watch.ElapsedMilliseconds, found.Count);
        return found;
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Text;
using Vexil.Core.Naming;

namespace Vexil.Definitions.References;

/// <summary>
/// Finds every place in a source tree that reads a flag by name, for <c>vexil scan</c> and for the server's count of
/// references after each fetch of the team's repository. Files are read in parallel and searched for every pattern's
/// prefix at once (<see cref="SearchValues{T}"/> of strings, a vectorised multi-string search), so the CLI works on any
/// folder, in a git work tree or not. The server, whose mirror is a bare repository, has <c>git grep</c> find the
/// candidate lines instead and runs <see cref="ScanText"/> on them; bench/scan/run.sh compares the two ways on a
/// generated tree (docs/benchmarks.md). Only the name that follows a prefix is read, whole, so a flag whose name
/// contains another's is never counted as the other.
/// </summary>
public sealed class CodeReferenceScanner
{
    /// <summary>The <see cref="CodeReference.Pattern"/> of a flag's own definition file.</summary>
    public const string DefinitionPattern = "definition";

    /// <summary>Files larger than this (bundles, dumps) are skipped.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>The longest line text a reference keeps.</summary>
    public const int MaxTextLength = 200;

    // Git's own test for binary content: a NUL byte in the first 8000 bytes.
    private const int BinaryProbeBytes = 8000;

    // Folders that hold no source the team wrote: git's own store and installed JavaScript packages.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "node_modules" };

    private readonly IReadOnlyList<ReferencePattern> patterns;
    private readonly SearchValues<string> prefixes;
    private readonly Dictionary<string, string> camelNames = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a scanner for <paramref name="patterns"/>. <paramref name="knownFlags"/>, when given, turns camel-case
    /// names back into the defined names exactly (<c>fooBar2</c> is <c>foo_bar_2</c> only if such a flag exists);
    /// unknown camel-case names are converted word by word.
    /// </summary>
    public CodeReferenceScanner(IReadOnlyList<ReferencePattern> patterns, IEnumerable<string>? knownFlags = null)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count == 0)
        {
            throw new ArgumentException("At least one reference pattern is needed.", nameof(patterns));
        }

        this.patterns = patterns;
        prefixes = SearchValues.Create(patterns.Select(pattern => pattern.Prefix).Distinct(StringComparer.Ordinal).ToArray(), StringComparison.Ordinal);
        foreach (var flag in knownFlags ?? [])
        {
            camelNames.TryAdd(ToCamel(flag), flag);
        }
    }

    /// <summary>Scans every file under <paramref name="root"/> (except <c>.git</c> and <c>node_modules</c> folders).</summary>
    public CodeScanResult Scan(string root, CancellationToken cancellationToken = default)
    {
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            throw new DirectoryNotFoundException($"The folder '{root}' does not exist. Give the root of the source tree to scan.");
        }

        var found = new ConcurrentBag<CodeReference>();
        var scanned = 0;
        var skipped = 0;
        Parallel.ForEach(
            EnumerateFiles(fullRoot),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new Buffers(),
            (file, _, buffers) =>
            {
                var relative = Path.GetRelativePath(fullRoot, file).Replace(Path.DirectorySeparatorChar, '/');
                if (ScanFile(file, relative, buffers, found))
                {
                    Interlocked.Increment(ref scanned);
                }
                else
                {
                    Interlocked.Increment(ref skipped);
                }

                return buffers;
            },
            buffers => buffers.Dispose());

        var ordered = found
            .OrderBy(reference => reference.Path, StringComparer.Ordinal)
            .ThenBy(reference => reference.Line)
            .ThenBy(reference => reference.Flag, StringComparer.Ordinal)
            .ToArray();
        return new CodeScanResult(ordered, scanned, skipped);
    }

    /// <summary>The references in one file's text; <paramref name="path"/> is what they name (relative, <c>/</c> separators).</summary>
    public IReadOnlyList<CodeReference> ScanText(string path, string text)
    {
        var found = new List<CodeReference>();
        Collect(path, text, found.Add);
        return found;
    }

    private bool ScanFile(string file, string relative, Buffers buffers, ConcurrentBag<CodeReference> found)
    {
        try
        {
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
            var length = RandomAccess.GetLength(handle);
            if (length > MaxFileBytes)
            {
                return false;
            }

            var bytes = buffers.Bytes((int)length);
            var read = 0;
            while (read < length)
            {
                var count = RandomAccess.Read(handle, bytes.AsSpan(read, (int)length - read), read);
                if (count == 0)
                {
                    break;
                }

                read += count;
            }

            var content = bytes.AsSpan(0, read);
            if (content[..Math.Min(read, BinaryProbeBytes)].Contains((byte)0))
            {
                return false;
            }

            var chars = buffers.Chars(Encoding.UTF8.GetMaxCharCount(read));
            var charCount = Encoding.UTF8.GetChars(content, chars);
            Collect(relative, chars.AsSpan(0, charCount), found.Add);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A file deleted or locked while the tree is walked is not a reason to fail the whole scan.
            return false;
        }
    }

    private void Collect(string path, ReadOnlySpan<char> text, Action<CodeReference> add)
    {
        if (DefinitionFlag(path) is { } defined)
        {
            add(new CodeReference(defined, path, DefinitionLine(text, defined), LineText(text, LineStart(text, NameLineIndex(text, defined))), DefinitionPattern));
        }

        var line = 1;
        var counted = 0;
        for (var offset = 0; offset < text.Length;)
        {
            var at = text[offset..].IndexOfAny(prefixes);
            if (at < 0)
            {
                break;
            }

            at += offset;
            foreach (var pattern in patterns)
            {
                if (!text[at..].StartsWith(pattern.Prefix, StringComparison.Ordinal) || !StartsOnBoundary(text, at, pattern.Prefix)
                    || ReadName(text, at + pattern.Prefix.Length, pattern) is not { } flag)
                {
                    continue;
                }

                line += text[counted..at].Count('\n');
                counted = at;
                add(new CodeReference(flag, path, line, LineText(text, LineStart(text, at)), pattern.Template));
            }

            offset = at + 1;
        }
    }

    // `MyFeature.enabled?(:x` is not `Feature.enabled?(:x`: a prefix that starts with a word character must not continue a word.
    private static bool StartsOnBoundary(ReadOnlySpan<char> text, int at, string prefix) =>
        at == 0 || !IsWordChar(prefix[0]) || !IsWordChar(text[at - 1]);

    private string? ReadName(ReadOnlySpan<char> text, int start, ReferencePattern pattern)
    {
        var end = start;
        while (end < text.Length && (pattern.Form == ReferenceNameForm.Snake ? IsSnakeChar(text[end]) : char.IsAsciiLetterOrDigit(text[end])))
        {
            end++;
        }

        // The whole name or nothing: `my_flagX` or `myFlag_x` is some other identifier, not `my_flag`.
        if (end == start || (end < text.Length && (IsWordChar(text[end]) || text[end] == '$')))
        {
            return null;
        }

        if (!text[end..].StartsWith(pattern.Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var written = text[start..end].ToString();
        var name = pattern.Form == ReferenceNameForm.Snake ? written : camelNames.GetValueOrDefault(written) ?? FromCamel(written);
        return FlagName.Validate(name) is null ? name : null;
    }

    /// <summary>Rails' <c>camelize(:lower)</c> of a flag name: <c>duo_chat_v2</c> gives <c>duoChatV2</c>.</summary>
    public static string ToCamel(string flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var builder = new StringBuilder(flag.Length);
        var upper = false;
        foreach (var character in flag)
        {
            if (character == '_')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(character) : character);
            upper = false;
        }

        return builder.ToString();
    }

    // The best guess for a camel-case name no known flag explains: a word boundary before each capital.
    private static string FromCamel(string written)
    {
        var builder = new StringBuilder(written.Length + 4);
        foreach (var character in written)
        {
            if (char.IsAsciiLetterUpper(character))
            {
                builder.Append('_').Append(char.ToLowerInvariant(character));
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    // config/feature_flags/<type>/<name>.yml, or <type>/<name>.yml in a folder of definitions.
    private static string? DefinitionFlag(string path)
    {
        if (!path.EndsWith(DefinitionFolders.Extension, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = path.Split('/');
        if (parts.Length < 2 || !DefinitionType.TryGet(parts[^2], out _))
        {
            return null;
        }

        var stem = parts[^1][..^DefinitionFolders.Extension.Length];
        return FlagName.Validate(stem) is null ? stem : null;
    }

    private static int NameLineIndex(ReadOnlySpan<char> text, string flag)
    {
        var at = text.IndexOf("name: " + flag, StringComparison.Ordinal);
        return at < 0 ? 0 : at;
    }

    private static int DefinitionLine(ReadOnlySpan<char> text, string flag) => text[..NameLineIndex(text, flag)].Count('\n') + 1;

    private static int LineStart(ReadOnlySpan<char> text, int at) => text[..at].LastIndexOf('\n') + 1;

    private static string LineText(ReadOnlySpan<char> text, int start)
    {
        var end = text[start..].IndexOf('\n');
        var line = (end < 0 ? text[start..] : text.Slice(start, end)).Trim();
        return line.Length > MaxTextLength ? line[..MaxTextLength].ToString() : line.ToString();
    }

    private static bool IsSnakeChar(char character) => char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character) || character == '_';

    private static bool IsWordChar(char character) => char.IsAsciiLetterOrDigit(character) || character == '_';

    private static IEnumerable<string> EnumerateFiles(string root) =>
        new FileSystemEnumerable<string>(root, (ref FileSystemEntry entry) => entry.ToFullPath(), new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
        })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
            ShouldRecursePredicate = (ref FileSystemEntry entry) => !SkippedFolders.Contains(entry.FileName.ToString()),
        };

    // One set of buffers per worker thread, grown to the largest file it has met and returned to the pool at the end.
    private sealed class Buffers : IDisposable
    {
        private byte[] bytes = [];
        private char[] chars = [];

        public byte[] Bytes(int length) => Grow(ref bytes, length);

        public char[] Chars(int length) => Grow(ref chars, length);

        public void Dispose()
        {
            Return(bytes);
            Return(chars);
        }

        private static T[] Grow<T>(ref T[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                Return(buffer);
                buffer = ArrayPool<T>.Shared.Rent(Math.Max(length, 64 * 1024));
            }

            return buffer;
        }

        private static void Return<T>(T[] buffer)
        {
            if (buffer.Length > 0)
            {
                ArrayPool<T>.Shared.Return(buffer);
            }
        }
    }
}

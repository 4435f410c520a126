namespace Vexil.Core.Actors;

/// <summary>
/// Orders strings as Ruby's <c>String#&lt;=&gt;</c> does for UTF-8 text: by byte, which is code-point order.
/// .NET's ordinal comparison works on UTF-16 units and puts U+E000..U+FFFF after the surrogate pairs that encode
/// U+10000 and above; Flipper sorts actor ids before hashing them, so the order must match Ruby's exactly.
/// </summary>
public sealed class RubyStringComparer : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static readonly RubyStringComparer Instance = new();

    private RubyStringComparer()
    {
    }

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        return Compare(x.AsSpan(), y.AsSpan());
    }

    /// <summary>Compares two UTF-16 spans in Unicode code-point order.</summary>
    public static int Compare(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        // Most actor ids differ early ("User:..." vs "Project:..."): answer from the first character when it can.
        if (x.Length > 0 && y.Length > 0 && x[0] != y[0])
        {
            return CodePointRank(x[0]).CompareTo(CodePointRank(y[0]));
        }

        var common = x.CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        return CodePointRank(x[common]).CompareTo(CodePointRank(y[common]));
    }

    // Surrogates (which start code points >= U+10000) must sort after U+E000..U+FFFF.
    private static int CodePointRank(char c) => c >= '\uE000' ? c - 0x800 : c >= '\uD800' ? c + 0x2000 : c;
}

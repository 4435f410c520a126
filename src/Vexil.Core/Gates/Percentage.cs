using System.Globalization;

namespace Vexil.Core.Gates;

/// <summary>
/// A percentage from 0 to 100 with at most three decimals, held exactly as thousandths so that "2.007" never drifts.
/// Flipper compares <c>bucket &lt; percentage * 1000</c> in double precision; <see cref="ScaledThreshold"/> reproduces
/// that double (2.007 * 1000 is 2007.0000000000002, so bucket 2007 is inside a 2.007% rollout).
/// </summary>
public readonly record struct Percentage : IComparable<Percentage>
{
    /// <summary>The largest value: 100%.</summary>
    public const int MaxThousandths = 100_000;

    private Percentage(int thousandths) => Thousandths = thousandths;

    /// <summary>0%: the gate is off.</summary>
    public static Percentage Zero => default;

    /// <summary>100%.</summary>
    public static Percentage Full => new(MaxThousandths);

    /// <summary>The value in thousandths of a percent, 0 to 100,000.</summary>
    public int Thousandths { get; }

    /// <summary>True when above zero, i.e. the gate is enabled.</summary>
    public bool IsEnabled => Thousandths > 0;

    /// <summary>The value as a double, e.g. 2.007.</summary>
    public double Value => Thousandths / 1000.0;

    /// <summary>The value times 1000 in double precision, as Ruby computes <c>percentage * 1000</c>.</summary>
    public double ScaledThreshold => Value * 1000.0;

    /// <summary>Creates a percentage from thousandths; throws when outside 0..100,000.</summary>
    public static Percentage FromThousandths(int thousandths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thousandths);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(thousandths, MaxThousandths);
        return new Percentage(thousandths);
    }

    /// <summary>
    /// Parses "50", "0.5", "2.007" or "100.0". Returns null on success, otherwise a sentence saying what to send.
    /// </summary>
    public static string? TryParse(string? text, out Percentage percentage)
    {
        percentage = Zero;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "A percentage is required: send a number from 0 to 100 with at most 3 decimals, e.g. 25 or 0.5.";
        }

        var dot = trimmed.IndexOf('.');
        var whole = dot < 0 ? trimmed : trimmed[..dot];
        var fraction = dot < 0 ? string.Empty : trimmed[(dot + 1)..];
        if (whole.StartsWith('-') && IsDigits(whole[1..]) && (dot < 0 || IsDigits(fraction)))
        {
            return $"Percentage '{trimmed}' is below 0: send a number from 0 to 100.";
        }

        if (!IsDigits(whole) || (dot >= 0 && !IsDigits(fraction)))
        {
            return $"Percentage '{trimmed}' is not a number: send a number from 0 to 100 with at most 3 decimals, e.g. 25 or 0.5.";
        }

        if (fraction.Length > 3 && fraction[3..].Any(c => c != '0'))
        {
            return $"Percentage '{trimmed}' has more than 3 decimals: round it to at most 3, e.g. 0.125.";
        }

        var wholeDigits = whole.TrimStart('0');
        if (wholeDigits.Length > 3 || (wholeDigits.Length > 0 && int.Parse(wholeDigits, CultureInfo.InvariantCulture) > 100))
        {
            return $"Percentage '{trimmed}' is above 100: send a number from 0 to 100.";
        }

        var thousandths = (wholeDigits.Length == 0 ? 0 : int.Parse(wholeDigits, CultureInfo.InvariantCulture)) * 1000;
        var decimals = fraction.Length > 3 ? fraction[..3] : fraction.PadRight(3, '0');
        thousandths += int.Parse(decimals, CultureInfo.InvariantCulture);
        if (thousandths > MaxThousandths)
        {
            return $"Percentage '{trimmed}' is above 100: send a number from 0 to 100.";
        }

        percentage = new Percentage(thousandths);
        return null;
    }

    /// <summary>Parses a percentage from a JSON or chat number; see <see cref="TryParse(string?, out Percentage)"/>.</summary>
    public static string? TryParse(double value, out Percentage percentage)
    {
        percentage = Zero;
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "Percentage is not a number: send a number from 0 to 100 with at most 3 decimals.";
        }

        return TryParse(value.ToString("R", CultureInfo.InvariantCulture), out percentage);
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for configuration and tests.</summary>
    public static Percentage Parse(string text)
    {
        var error = TryParse(text, out var percentage);
        return error is null ? percentage : throw new FormatException(error);
    }

    /// <inheritdoc />
    public int CompareTo(Percentage other) => Thousandths.CompareTo(other.Thousandths);

    /// <summary>The shortest text: "25", "0.5", "2.007" (as Flipper stores it and GitLab shows it).</summary>
    public override string ToString()
    {
        var whole = Thousandths / 1000;
        var fraction = Thousandths % 1000;
        return fraction == 0
            ? whole.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{whole}.{fraction:000}").TrimEnd('0');
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}

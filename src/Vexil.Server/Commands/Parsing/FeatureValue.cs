using Vexil.Core.Gates;

namespace Vexil.Server.Commands.Parsing;

/// <summary>
/// The value of <c>feature set NAME VALUE</c>: <c>true</c>, <c>false</c>, or a percentage from 0 to 100 with at most
/// three decimals. 0 means disable and 100 means enable, so neither needs <c>--actors</c> or <c>--random</c>;
/// anything strictly between does.
/// </summary>
/// <param name="Raw">The value as typed, e.g. <c>50</c>; audit titles quote it.</param>
/// <param name="Kind">What it says.</param>
/// <param name="Percentage">The percentage, for <see cref="FeatureValueKind.Percentage"/>.</param>
public sealed record FeatureValue(string Raw, FeatureValueKind Kind, Percentage Percentage)
{
    /// <summary>True for <c>true</c> and for any percentage above 0: the value turns something on.</summary>
    public bool Enables => Kind == FeatureValueKind.True || (Kind == FeatureValueKind.Percentage && Percentage.IsEnabled);

    /// <summary>True for <c>false</c> and <c>0</c>: the value turns something off.</summary>
    public bool Disables => Kind == FeatureValueKind.False || (Kind == FeatureValueKind.Percentage && !Percentage.IsEnabled);

    /// <summary>True for a percentage strictly between 0 and 100, which needs <c>--actors</c> or <c>--random</c>.</summary>
    public bool IsPartial => Kind == FeatureValueKind.Percentage && Percentage.IsEnabled && Percentage != Percentage.Full;

    /// <summary>True for exactly 100.</summary>
    public bool IsFull => Kind == FeatureValueKind.Percentage && Percentage == Percentage.Full;

    /// <summary>
    /// Reads a value. Stricter than GitLab's loose pattern (which let "12abc" through to the API): only
    /// <c>true</c>, <c>false</c> and plain decimal numbers from 0 to 100 with at most three decimals are values.
    /// </summary>
    public static FeatureValue? TryParse(string? raw)
    {
        switch (raw)
        {
            case null:
                return null;
            case "true":
                return new FeatureValue(raw, FeatureValueKind.True, Percentage.Zero);
            case "false":
                return new FeatureValue(raw, FeatureValueKind.False, Percentage.Zero);
        }

        // Percentage.TryParse also trims and accepts what a JSON number prints; a chat word must be digits exactly.
        if (raw.Length == 0 || raw.Length > 32 || !raw.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return null;
        }

        return Percentage.TryParse(raw, out var percentage) is null
            ? new FeatureValue(raw, FeatureValueKind.Percentage, percentage)
            : null;
    }
}

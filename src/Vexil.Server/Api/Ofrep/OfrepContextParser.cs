using System.Buffers;
using System.Text.Json;
using Vexil.Core.Actors;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// Reads an OFREP request body (<c>{"context": {"targetingKey": "User:42", "actors": ["Project:1"], ...}}</c>) with a
/// <see cref="Utf8JsonReader"/>, keeping only the actors: the gates look at nothing else. Other context attributes
/// are skipped unread. A missing context or targeting key means an evaluation with no actor, as
/// <c>Feature.enabled?(:flag)</c>. Nothing is guessed: <c>context</c>, <c>targetingKey</c> or <c>actors</c> given twice,
/// and a string that is not valid Unicode text (a lone UTF-16 surrogate such as <c>"\ud800"</c>, or bytes that are
/// not UTF-8), are refused with <c>INVALID_CONTEXT</c>.
/// </summary>
internal static class OfrepContextParser
{
    private const string Example = "send e.g. {\"context\":{\"targetingKey\":\"User:42\"}}";

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>
    /// Parses the body into <paramref name="actors"/>. Returns null on success, otherwise the OFREP error code and,
    /// in <paramref name="details"/>, a sentence saying what to send instead.
    /// </summary>
    public static string? Parse(in ReadOnlySequence<byte> body, int maxActors, ref OfrepActors actors, out string? details)
    {
        details = null;
        if (body.IsEmpty)
        {
            details = $"The request body is empty: {Example}.";
            return OfrepErrorCode.ParseError;
        }

        try
        {
            var reader = new Utf8JsonReader(body, isFinalBlock: true, new JsonReaderState(ReaderOptions));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                details = $"The request body must be a JSON object: {Example}.";
                return OfrepErrorCode.ParseError;
            }

            var sawContext = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isContext = reader.ValueTextEquals("context"u8);
                reader.Read();
                if (!isContext)
                {
                    reader.Skip();
                    continue;
                }

                if (sawContext)
                {
                    return Repeated("context", ref actors, out details);
                }

                sawContext = true;

                actors.Clear();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    details = $"'context' must be a JSON object: {Example}.";
                    return OfrepErrorCode.InvalidContext;
                }

                if (ReadContext(ref reader, maxActors, ref actors, out details) is { } contextError)
                {
                    return contextError;
                }
            }

            // Anything after the object (a second value, stray characters) makes the reader throw here.
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException exception)
        {
            actors.Clear();
            details = $"The request body is not valid JSON ({exception.Message}): {Example}.";
            return OfrepErrorCode.ParseError;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString throws this for an escape that is not valid UTF-16 (a lone "\ud800") and for
            // bytes that are not UTF-8: well-formed JSON, but not text an actor id can be made of.
            actors.Clear();
            details = "The evaluation context holds a string that is not valid Unicode text (a lone UTF-16 surrogate such as \\ud800, or bytes that are not UTF-8): send actor ids as valid UTF-8 text.";
            return OfrepErrorCode.InvalidContext;
        }
    }

    private static string? ReadContext(ref Utf8JsonReader reader, int maxActors, ref OfrepActors actors, out string? details)
    {
        details = null;
        string? targetingKey = null;
        var sawTargetingKey = false;
        var sawActors = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("targetingKey"u8))
            {
                if (sawTargetingKey)
                {
                    return Repeated("context.targetingKey", ref actors, out details);
                }

                sawTargetingKey = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    var value = reader.GetString()!;

                    // Some SDKs send an empty targeting key for "no user"; treat it as no actor.
                    targetingKey = value.Length == 0 ? null : value;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    details = "'context.targetingKey' must be a string: the flipper id of the actor, e.g. \"User:42\".";
                    return OfrepErrorCode.InvalidContext;
                }
            }
            else if (reader.ValueTextEquals("actors"u8))
            {
                if (sawActors)
                {
                    return Repeated("context.actors", ref actors, out details);
                }

                sawActors = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    details = "'context.actors' must be an array of flipper ids, e.g. [\"Project:gitlab-org/gitlab\", \"Group:9970\"].";
                    return OfrepErrorCode.InvalidContext;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        details = "'context.actors' must hold only strings: flipper ids such as \"Project:gitlab-org/gitlab\".";
                        return OfrepErrorCode.InvalidContext;
                    }

                    if (actors.Count == maxActors)
                    {
                        return TooManyActors(maxActors, out details);
                    }

                    actors.Add(reader.GetString()!);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (targetingKey is not null)
        {
            if (actors.Count == maxActors)
            {
                return TooManyActors(maxActors, out details);
            }

            actors.Prepend(targetingKey);
        }

        foreach (var actor in actors.Span)
        {
            if (ActorId.Validate(actor) is { } problem)
            {
                details = $"Evaluation context: {problem}";
                return OfrepErrorCode.InvalidContext;
            }
        }

        return null;
    }

    private static string Repeated(string property, ref OfrepActors actors, out string details)
    {
        actors.Clear();
        details = $"'{property}' appears twice in the request body; send it once.";
        return OfrepErrorCode.InvalidContext;
    }

    private static string TooManyActors(int maxActors, out string details)
    {
        details = $"The context names more than {maxActors} actors; send at most {maxActors}, counting the targeting key.";
        return OfrepErrorCode.InvalidContext;
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Vexil.Server.Tests.Infrastructure;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>
/// Builds random requests to <c>POST</c> and <c>DELETE /api/v4/features/:name</c> from a seed: plausible and absurd
/// names, parameters in every place, random bytes, random JSON, forms with broken encodings, huge values and unicode.
/// The same seed always builds the same requests, so a failure can be replayed.
/// </summary>
public sealed class GitLabFuzzRequests(int seed)
{
    private static readonly string[] ParameterNames =
        ["value", "key", "feature_group", "user", "group", "namespace", "project", "repository", "force", "environment", "unknown", "value[]", ""];

    private static readonly string[] Values =
        ["true", "false", "0", "0.0", "100", "100.0", "25", "0.5", "2.007", "0.0001", "150", "-1", "1e2", "opt_out", "remove_opt_out", "abc", "",
         "percentage_of_actors", "percentage_of_time", "gitlab_team_members", "staging", "gstg", "production", "moon", "alice,bob", ",,,", "True", "1",
         "alice,,bob", "alice,", "ad\u202Emin", "\u2066bob\u2069", "zero\u200Bwidth", "\uFEFFbom", "99999999999", "12345678901234567890"];

    private static readonly string[] Names =
        ["fuzz_a", "fuzz_b", "fuzz_c", "/fuzz_a", "/fuzz_b", "Fuzz", "fuzz__a", "fuzz-a", "_", "", "%2Ffuzz", "fuzz%01", "f\u00e9", "\ud83d\ude00"];

    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
         "multipart/form-data", "text/plain", "application/octet-stream", "application/vnd.api+json", "garbage/;;;"];

    private readonly Random random = new(seed);

    /// <summary>The next random request.</summary>
    public HttpRequestMessage Next()
    {
        var method = random.Next(5) == 0 ? HttpMethod.Delete : HttpMethod.Post;
        // NUL never reaches the app in a path (Kestrel answers 400 itself, and the test host refuses to send it).
        var name = (random.Next(8) == 0 ? RandomText(random.Next(1, 300)) : Pick(Names)).Replace('\0', 'x');
        var path = "/api/v4/features/" + (name.StartsWith('/') ? "/" + Uri.EscapeDataString(name[1..]) : EscapeKeepingPercent(name));
        var request = new HttpRequestMessage(method, path + RandomQuery());

        var token = random.Next(10) switch
        {
            0 => null,
            1 => TestTokens.ReadAll,
            2 => "vxl_bogus",
            _ => VexilServerFactory.AdminToken,
        };
        if (token is not null)
        {
            request.Headers.Add("PRIVATE-TOKEN", token);
        }

        if (random.Next(10) == 0)
        {
            request.Headers.TryAddWithoutValidation("X-Vexil-Environment", Pick(Values));
        }

        request.Content = RandomBody();
        return request;
    }

    private string RandomQuery()
    {
        var count = random.Next(4);
        if (count == 0)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            parts.Add(Uri.EscapeDataString(Pick(ParameterNames)) + "=" + Uri.EscapeDataString(RandomValue()));
        }

        return "?" + string.Join('&', parts);
    }

    private HttpContent? RandomBody()
    {
        switch (random.Next(10))
        {
            case 0:
                return null;
            case 1:
                return Raw(RandomBytes(random.Next(0, 2000)), Pick(ContentTypes));
            case 2:
            case 3:
                return Raw(Encoding.UTF8.GetBytes(RandomJson(depth: 0)), random.Next(4) == 0 ? Pick(ContentTypes) : "application/json");
            case 4:
                return Raw(Encoding.ASCII.GetBytes(RandomUrlEncoded()), "application/x-www-form-urlencoded");
            case 5:
                var multipart = new MultipartFormDataContent();
                for (var i = random.Next(5); i > 0; i--)
                {
                    multipart.Add(new StringContent(RandomValue()), Pick(ParameterNames) is { Length: > 0 } field ? field : "blank");
                }

                return multipart;
            case 6:
                // Over the 64 KiB limit.
                return Raw(Encoding.ASCII.GetBytes("value=true&user=" + new string('a', 66_000 + random.Next(10_000))), "application/x-www-form-urlencoded");
            default:
                // Plausible requests, so that some succeed and the "nothing written on failure" check has teeth.
                var value = Pick(["true", "false", "25", "0.5", "opt_out", "remove_opt_out", "100"]);
                var target = Pick(["", "&user=alice", "&user=alice,bob", "&project=a/b", "&feature_group=gitlab_team_members", "&key=percentage_of_actors", "&environment=gstg"]);
                return Raw(Encoding.ASCII.GetBytes($"value={value}{target}"), "application/x-www-form-urlencoded");
        }
    }

    private string RandomValue() => random.Next(4) switch
    {
        0 => RandomText(random.Next(0, 40)),
        1 when random.Next(10) == 0 => RandomText(random.Next(200, 5000)),
        _ => Pick(Values),
    };

    private string RandomJson(int depth)
    {
        var builder = new StringBuilder("{");
        var count = random.Next(6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(JsonString(Pick(ParameterNames))).Append(':').Append(RandomJsonValue(depth));
        }

        var text = builder.Append('}').ToString();
        return random.Next(12) switch
        {
            0 => text[..random.Next(text.Length)], // cut short
            1 => "[" + text + "]",
            2 => text.Replace(':', ' '),
            _ => text,
        };
    }

    private string RandomJsonValue(int depth) => random.Next(12) switch
    {
        0 => "true",
        1 => "false",
        2 => "null",
        3 => Pick(["25", "0.5", "100", "100.0", "0", "-0", "1e999", "12345678901234567890", "0.00000001", "2.007"]),
        4 when depth < 3 => RandomJson(depth + 1),
        5 when depth < 3 => "[" + RandomJsonValue(depth + 1) + "]",
        6 => Pick(["\"\\ud800\"", "\"\\udc00\"", "\"alice\\udbff\"", "\"\\ude00\\ud83d\""]),
        7 => "\"\\u0000\\n\\\\\"",
        _ => JsonString(RandomValue()),
    };

    private string RandomUrlEncoded()
    {
        var parts = new List<string>();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var value = random.Next(5) == 0 ? Pick(["%zz", "%ff%fe", "%", "%e2%82", "+", "%00"]) : Uri.EscapeDataString(RandomValue());
            parts.Add(Uri.EscapeDataString(Pick(ParameterNames)) + (random.Next(8) == 0 ? string.Empty : "=" + value));
        }

        return string.Join(random.Next(10) == 0 ? "&&" : "&", parts);
    }

    private string RandomText(int length)
    {
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            switch (random.Next(10))
            {
                case 0: builder.Append((char)random.Next(0, 32)); break;
                case 1: builder.Append("\ud83d\ude80"); break; // a surrogate pair
                case 2: builder.Append((char)random.Next(0x80, 0xD7FF)); break;
                case 3: builder.Append(Pick([",", ":", "/", "\"", "\\", "'", " ", "#{", "%", "&", "="])); break;
                default: builder.Append((char)random.Next('a', 'z' + 1)); break;
            }
        }

        return builder.ToString();
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static ByteArrayContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static string JsonString(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\' || c < 32)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    // Names in the pool may carry deliberate percent-escapes ("%2F", "%00"); everything else is escaped.
    private static string EscapeKeepingPercent(string name) =>
        string.Join('%', name.Split('%').Select(Uri.EscapeDataString));
}

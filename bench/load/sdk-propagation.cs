#:project ../../src/Vexil.Client/Vexil.Client.csproj
#:property PublishAot=false
// (file-based apps default to native AOT; the client's configuration binding is not written for trimming)

// Change propagation, write acknowledged -> client FlagsChanged: `dotnet run sdk-propagation.cs -- <server url> <admin token> [environment]`.
// Connects a VexilClient to a running server, then makes 20 changes through the GitLab Features API one after another
// and, for each, measures from the moment the write's response arrives to the moment the client raises FlagsChanged
// for that flag. Prints every figure and the maximum (target: at most 100 ms). Run it on a quiet machine.
using System.Collections.Concurrent;
using System.Diagnostics;
using Vexil.Client;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run sdk-propagation.cs -- <server url> <admin token> [environment=staging]");
    return 2;
}

var serverUrl = new Uri(args[0].EndsWith('/') ? args[0] : args[0] + "/");
var token = args[1];
var environment = args.Length > 2 ? args[2] : "staging";
const string Flag = "sdk_propagation_probe";

await using var client = await VexilClient.ConnectAsync(new VexilClientOptions { ServerUrl = serverUrl, Token = token, Environment = environment, SendEvaluationCounts = false });
if (client.Status != VexilClientStatus.Ready)
{
    Console.Error.WriteLine($"The client is {client.Status}, not Ready: is the server at {serverUrl} and the token right?");
    return 1;
}

var arrivals = new ConcurrentDictionary<long, long>();
client.FlagsChanged += (_, change) =>
{
    if (change.Flags.Contains(Flag))
    {
        arrivals[change.Sequence] = Stopwatch.GetTimestamp();
    }
};

using var http = new HttpClient { BaseAddress = serverUrl };
http.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
await Task.Delay(500); // let the stream connect
var figures = new List<double>();
for (var i = 0; i < 20; i++)
{
    var before = client.Sequence;
    var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["value"] = i % 2 == 0 ? "true" : "false", ["environment"] = environment, ["force"] = "true" });
    using var response = await http.PostAsync($"api/v4/features/{Flag}", form);
    var acknowledged = Stopwatch.GetTimestamp();
    response.EnsureSuccessStatusCode();
    var deadline = DateTime.UtcNow.AddSeconds(10);
    long arrived = 0;
    while (DateTime.UtcNow < deadline && !arrivals.Where(pair => pair.Key > before).Select(pair => pair.Value).Any(value => (arrived = value) > 0))
    {
        await Task.Delay(1);
    }

    if (arrived == 0)
    {
        Console.Error.WriteLine($"Change {i + 1} did not reach the client within 10 s.");
        return 1;
    }

    var ms = Math.Max(0, Stopwatch.GetElapsedTime(acknowledged, arrived).TotalMilliseconds);
    figures.Add(ms);
    Console.WriteLine($"change {i + 1,2}: {ms,7:F2} ms");
    arrivals.Clear();
}

Console.WriteLine($"max {figures.Max():F2} ms, median {figures.Order().ElementAt(figures.Count / 2):F2} ms over {figures.Count} changes (target: max <= 100 ms)");
return 0;

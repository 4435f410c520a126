#:project ../../src/Vexil.Server/Vexil.Server.csproj
#:property PublishAot=false
// (file-based apps default to native AOT, whose trimming analyzers the server project is not written for)

// Seeds a SQLite database for the dashboard's overview timing:
//   dotnet run seed-dashboard.cs -- "<connection string>" <flags>
// Stores <flags> flags named dash_flag_0000... in each of the six default environments with a mix of gates that
// rotates per environment (on, 50% of actors, three actors and a feature group, off, not stored), so every kind of
// cell summary is rendered.
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;

if (args.Length != 2 || !int.TryParse(args[1], out var count) || count < 0)
{
    Console.Error.WriteLine("Usage: dotnet run seed-dashboard.cs -- \"Data Source=<file>\" <number of flags>");
    return 2;
}

string[] environments = ["dev", "pre", "staging", "staging-ref", "ops", "production"];
await using var database = new SqliteDatabase(args[0]);
var store = new SqliteFlagStore(database);
await store.InitializeAsync();
var origin = new ChangeOrigin("load-seed", ChangeChannels.Cli);
var half = Percentage.Parse("50");
for (var e = 0; e < environments.Length; e++)
{
    for (var i = 0; i < count; i++)
    {
        GateOperation[]? operations = ((i + e) % 5) switch
        {
            0 => [GateOperation.EnableBoolean()],
            1 => [GateOperation.SetPercentageOfActors(half)],
            2 => [GateOperation.EnableActor("User:1"), GateOperation.EnableActor("User:2"), GateOperation.EnableActor("User:3"), GateOperation.EnableGroup("gitlab_team_members")],
            3 => [GateOperation.DisableBoolean()],
            _ => null,
        };
        if (operations is null)
        {
            continue;
        }

        var result = await store.ApplyAsync(ChangeRequest.Update(environments[e], $"dash_flag_{i:0000}", origin, operations));
        if (!result.Accepted)
        {
            throw new InvalidOperationException($"dash_flag_{i:0000} on {environments[e]}: {result.Refusal}");
        }
    }
}

Console.WriteLine(count);
return 0;

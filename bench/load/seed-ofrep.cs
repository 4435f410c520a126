#:project ../../src/Vexil.Server/Vexil.Server.csproj
#:property PublishAot=false
// (file-based apps default to native AOT, whose trimming analyzers the server project is not written for)

// Seeds a SQLite database for the OFREP load test: `dotnet run seed-ofrep.cs -- "<connection string>" <flags>`.
// Creates the schema, then stores <flags> flags named load_flag_0000... with a mix of gates (a quarter each: on for
// everyone, 50% of actors, five actors plus a feature group, off) and the single-evaluation target load_split at 50%
// of actors. Prints the production sequence reached, so the caller can wait for the server to have it.
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;

if (args.Length != 2 || !int.TryParse(args[1], out var count) || count < 0)
{
    Console.Error.WriteLine("Usage: dotnet run seed-ofrep.cs -- \"Data Source=<file>\" <number of flags>");
    return 2;
}

await using var database = new SqliteDatabase(args[0]);
var store = new SqliteFlagStore(database);
await store.InitializeAsync();
var origin = new ChangeOrigin("load-seed", ChangeChannels.Cli);
var half = Percentage.Parse("50");
long sequence = 0;

async Task ApplyAsync(string flag, params GateOperation[] operations)
{
    var result = await store.ApplyAsync(ChangeRequest.Update("production", flag, origin, operations));
    if (!result.Accepted)
    {
        throw new InvalidOperationException($"{flag}: {result.Refusal}");
    }

    sequence = result.Event?.Sequence ?? sequence;
}

await ApplyAsync("load_split", GateOperation.SetPercentageOfActors(half));
for (var i = 0; i < count; i++)
{
    var flag = $"load_flag_{i:0000}";
    switch (i % 4)
    {
        case 0:
            await ApplyAsync(flag, GateOperation.EnableBoolean());
            break;
        case 1:
            await ApplyAsync(flag, GateOperation.SetPercentageOfActors(half));
            break;
        case 2:
            await ApplyAsync(
                flag,
                GateOperation.EnableActor("User:1"),
                GateOperation.EnableActor("User:2"),
                GateOperation.EnableActor("User:3"),
                GateOperation.EnableActor("User:4"),
                GateOperation.EnableActor("User:5"),
                GateOperation.EnableGroup("gitlab_team_members"));
            break;
        default:
            await ApplyAsync(flag, GateOperation.DisableBoolean());
            break;
    }
}

Console.WriteLine(sequence);
return 0;

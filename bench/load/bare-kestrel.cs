#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
// The yardstick for OFREP throughput: the same machine, the same wrk script, the same request, answered by a bare
// Kestrel endpoint that reads the body and writes a fixed answer of the same shape, with no auth, no parsing and no
// evaluation. What Vexil gets below it is what Vexil's own work costs.
//   dotnet run --file bench/load/bare-kestrel.cs -c Release -- --urls http://127.0.0.1:5090
using System.Text;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var answer = Encoding.UTF8.GetBytes(
    "{\"key\":\"load_split\",\"value\":true,\"reason\":\"SPLIT\",\"variant\":\"on\",\"metadata\":{\"environment\":\"production\",\"sequence\":1004}}");
app.MapPost("/ofrep/v1/evaluate/flags/{key}", async (HttpContext context) =>
{
    // Drain the body as the real endpoint does, so both sides read the same bytes.
    while (true)
    {
        var read = await context.Request.BodyReader.ReadAsync(context.RequestAborted);
        context.Request.BodyReader.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted)
        {
            break;
        }
    }

    context.Response.ContentType = "application/json";
    context.Response.ContentLength = answer.Length;
    await context.Response.Body.WriteAsync(answer, context.RequestAborted);
});
app.Run();

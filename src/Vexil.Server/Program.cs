using Vexil.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);

// The shipped appsettings.json applies even when the server is started from another folder (its content root).
builder.Configuration.AddShippedSettings(builder.Environment.ContentRootPath, AppContext.BaseDirectory);

// The documented default address, unless --urls or ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

builder.Services.AddVexilServer(builder.Configuration);

var app = builder.Build();

// A database Vexil cannot use stops it here with one line on stderr, before the host starts.
if (!await StorageStartup.TryPrepareAsync(app.Services, Console.Error))
{
    return StorageStartup.ExitCode;
}

app.UseVexil();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so integration tests can host the server in-process.</summary>
public partial class Program;

using Vexil.Cli;

return await CliApplication.RunAsync(args, CliHost.FromProcess(), CancellationToken.None);

namespace Vexil.Cli.Configuration;

/// <summary>What <c>vexil login</c> saves: the server's address and the token to send it.</summary>
/// <param name="Url">The server's base address, e.g. <c>https://vexil.example.com/</c>.</param>
/// <param name="Token">The API token.</param>
internal sealed record CliConfig(string? Url, string? Token);

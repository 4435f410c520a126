namespace Vexil.Server.Storage.Migrations;

/// <summary>One versioned schema script, e.g. <c>0001_initial.sql</c>.</summary>
/// <param name="Version">The number before the underscore; scripts run in ascending order.</param>
/// <param name="Name">The rest of the file name, e.g. <c>initial</c>.</param>
/// <param name="Sql">The script.</param>
internal sealed record Migration(int Version, string Name, string Sql);

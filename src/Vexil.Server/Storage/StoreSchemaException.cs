namespace Vexil.Server.Storage;

/// <summary>
/// The database cannot be used by this build: it belongs to something else, or has a newer schema. The message says
/// what was found and what to do; the server refuses to start rather than risk the data.
/// </summary>
public sealed class StoreSchemaException(string message) : Exception(message);

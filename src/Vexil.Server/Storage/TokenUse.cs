namespace Vexil.Server.Storage;

/// <summary>That a token was used, and when; servers report these in batches.</summary>
/// <param name="TokenId">The token's id.</param>
/// <param name="UsedAt">The latest use this server saw.</param>
public readonly record struct TokenUse(long TokenId, DateTimeOffset UsedAt);

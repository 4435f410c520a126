namespace Vexil.Server.Api.ChangeStream;

/// <summary>One snapshot's serialized body and its ETag, built once per snapshot instance.</summary>
/// <param name="Body">The UTF-8 JSON body.</param>
/// <param name="ETag">The quoted entity tag: a hash of the body, so replicas with the same state agree on it.</param>
internal sealed record SnapshotDocument(byte[] Body, string ETag);

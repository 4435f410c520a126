using Xunit;

namespace Vexil.Server.Tests.Storage.Postgres;

/// <summary>The tests that share one throwaway PostgreSQL cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL cluster";
}

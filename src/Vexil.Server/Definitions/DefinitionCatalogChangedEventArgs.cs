namespace Vexil.Server.Definitions;

/// <summary>Raised by <see cref="DefinitionRegistry"/> after it swapped in a newly loaded catalog.</summary>
public sealed class DefinitionCatalogChangedEventArgs(DefinitionCatalog previous, DefinitionCatalog current) : EventArgs
{
    /// <summary>The catalog that was current until the swap.</summary>
    public DefinitionCatalog Previous { get; } = previous;

    /// <summary>The catalog now current.</summary>
    public DefinitionCatalog Current { get; } = current;
}

using BenchmarkDotNet.Running;

namespace Vexil.Benchmarks;

/// <summary>Runs the suites: <c>dotnet run -c Release --project bench/Vexil.Benchmarks -- --filter '*'</c>.</summary>
public static class BenchmarkProgram
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}

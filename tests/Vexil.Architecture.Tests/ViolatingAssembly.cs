using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Vexil.Architecture.Tests;

/// <summary>
/// Compiles C# that breaks the rules into a real assembly against the real server, so the rules can be shown to fail on
/// a forbidden reference without one ever being committed to the server.
/// </summary>
internal static class ViolatingAssembly
{
    /// <summary>Compiles <paramref name="source"/>, writes the assembly to a temporary file, loads it, and returns it.</summary>
    public static Assembly Compile(string name, string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat([Assemblies.Core.Location, Assemblies.Definitions.Location, Assemblies.Server.Location])
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var path = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.dll");
        using (var file = File.Create(path))
        {
            var emitted = compilation.Emit(file);
            if (!emitted.Success)
            {
                throw new InvalidOperationException(
                    "The violating source does not compile: " + string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }
        }

        return Assembly.LoadFrom(path);
    }
}

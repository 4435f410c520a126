using System.Runtime.InteropServices;

namespace Vexil.Server.Hosting.Memory;

/// <summary>
/// Hands the memory native code has freed back to the operating system, where the C library keeps it otherwise:
/// glibc's <c>malloc_trim</c>.
/// </summary>
/// <remarks>
/// SQLite (statements prepared and finalised on every query, per-connection page caches) and the runtime itself
/// (the JIT, thread start-up) allocate through <c>malloc</c>. glibc serves each thread from one of up to eight arenas
/// per core and keeps what is freed inside them for reuse, so an idle server's resident memory grew by some 15 MB in
/// ten minutes with nothing live behind it; one <c>malloc_trim(0)</c> gave it all back (measured with 10,000 idle
/// change streams, docs/benchmarks.md). Elsewhere (musl, macOS, Windows) there is no such call and nothing to do.
/// </remarks>
internal static class NativeHeap
{
    private const string GlibcLibrary = "libc.so.6";

    // 0 until the first call; then 1 where glibc's malloc_trim exists, -1 where it does not.
    private static int availability;

    /// <summary>Trims every malloc arena; false where that is not possible (not glibc), and then never tried again.</summary>
    public static bool TryTrim()
    {
        if (availability < 0 || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            MallocTrim(0);
            availability = 1;
            return true;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            availability = -1;
            return false;
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable, so no marshalling code is generated either way,
    // and LibraryImport would need the whole project compiled with unsafe code allowed.
    [DllImport(GlibcLibrary, EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}

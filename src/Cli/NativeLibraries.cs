using System.Reflection;
using System.Runtime.InteropServices;
using PerfSuite.Model.Errors;

namespace PerfSuite.Cli;

/// <summary>
/// Skia and HarfBuzz, the shared libraries ScottPlot draws figures with, for the single-file native executable. They
/// have no static build, so the RID-specific build embeds them in this assembly (<c>native/NAME.so</c>, see the
/// project file); the first figure writes both into a new private temporary directory (mode 0700, a name no one
/// else can have chosen, so nobody can plant a library there), loads them, and removes the files again: a loaded
/// library stays mapped. Where the libraries lie next to the executable (the JIT build, a publish directory), or
/// the assembly carries none, the runtime's own probing is used.
/// </summary>
internal static class NativeLibraries
{
    private const string ResourcePrefix = "native/";
    private static readonly Lock LoadLock = new();
    private static Dictionary<string, nint>? _loaded;

    /// <summary>Registers the resolver for Skia's and HarfBuzz's managed bindings. Cheap: nothing is written or
    /// loaded until a figure needs it.</summary>
    public static void Register()
    {
        if (!EmbeddedNames().Any())
            return;
        NativeLibrary.SetDllImportResolver(typeof(SkiaSharp.SKCanvas).Assembly, Resolve);
        NativeLibrary.SetDllImportResolver(typeof(HarfBuzzSharp.Blob).Assembly, Resolve);
    }

    private static IEnumerable<string> EmbeddedNames() =>
        typeof(NativeLibraries).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal));

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var fileName = libraryName.EndsWith(".so", StringComparison.Ordinal) ? libraryName : libraryName + ".so";
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, fileName)))
            return 0;
        lock (LoadLock)
        {
            _loaded ??= LoadEmbedded();
            return _loaded.GetValueOrDefault(fileName);
        }
    }

    private static Dictionary<string, nint> LoadEmbedded()
    {
        var loaded = new Dictionary<string, nint>(StringComparer.Ordinal);
        var directory = Directory.CreateTempSubdirectory("perfsuite-native-");
        try
        {
            foreach (var resource in EmbeddedNames())
            {
                var path = Path.Combine(directory.FullName, resource[ResourcePrefix.Length..]);
                using (var source = typeof(NativeLibraries).Assembly.GetManifestResourceStream(resource)!)
                using (var target = File.Create(path))
                    source.CopyTo(target);
                loaded[Path.GetFileName(path)] = NativeLibrary.Load(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or BadImageFormatException)
        {
            throw new PerfSuiteException(ErrorReason.NotSupported,
                $"cannot load the figure renderer (Skia) from {directory.FullName}: {e.Message} (figures need a temporary directory that allows executables; set TMPDIR)", e);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
        return loaded;
    }
}

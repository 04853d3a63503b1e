using System.Text;

namespace PerfSuite.Benchmarks;

/// <summary>The recorded inputs the benchmarks decode, embedded in this assembly (see the project file for where
/// each comes from).</summary>
public static class EmbeddedFixtures
{
    /// <summary>The bytes of the fixture <paramref name="name"/>, e.g. <c>ethtool/features.gstrings.bin</c>.</summary>
    public static byte[] Bytes(string name)
    {
        using var stream = typeof(EmbeddedFixtures).Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"no embedded fixture '{name}' in {typeof(EmbeddedFixtures).Assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));
}

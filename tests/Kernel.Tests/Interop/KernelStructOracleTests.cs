using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace PerfSuite.Kernel.Tests.Interop;

/// <summary>
/// The C compiler as the oracle (Tmds.LibC StructTests): a small C program built against the system headers prints
/// sizeof and offsetof of every kernel struct Kernel/Interop declares, and each must equal Marshal.SizeOf /
/// Marshal.OffsetOf of our declaration. Skips with the reason when there is no gcc or no headers.
/// </summary>
public sealed class KernelStructOracleTests
{
    /// <summary>A struct to check: its name in C and ours (the same), whether sizeof is comparable, and the
    /// fields C cannot take offsetof of or does not have.</summary>
    private sealed record Checked(Type Type, bool CompareSize = true, params string[] SkippedFields);

    private static readonly Checked[] Structs =
    [
        new(typeof(PerfSuite.Kernel.Interop.nlmsghdr)),
        new(typeof(PerfSuite.Kernel.Interop.nlattr)),
        new(typeof(PerfSuite.Kernel.Interop.sockaddr_nl)),
        new(typeof(PerfSuite.Kernel.Interop.ifinfomsg)),
        new(typeof(PerfSuite.Kernel.Interop.ifaddrmsg)),
        new(typeof(PerfSuite.Kernel.Interop.rtmsg)),
        new(typeof(PerfSuite.Kernel.Interop.ndmsg)),
        new(typeof(PerfSuite.Kernel.Interop.genlmsghdr)),
        // Declared up to tcpi_snd_wnd (newer kernels append fields, so sizeof differs); the two bit-field
        // bytes have no offsetof in C.
        new(typeof(PerfSuite.Kernel.Interop.tcp_info), CompareSize: false, "tcpi_wscale", "tcpi_app_limited_flags"),
        // ifr_union_rest is our name for the rest of the union after ifr_data.
        new(typeof(PerfSuite.Kernel.Interop.ifreq), CompareSize: true, "ifr_union_rest"),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_value)),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_drvinfo)),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_ringparam)),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_channels)),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_coalesce)),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_cmd)),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_link_settings)),
        // Ours has room for one count after the flexible array C declares.
        new(typeof(PerfSuite.Kernel.Interop.ethtool_sset_info), CompareSize: false),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_gstrings)),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_gfeatures)),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_get_features_block)),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_sfeatures)),
        new(typeof(PerfSuite.Kernel.Interop.ethtool_set_features_block)),
    ];

    private const string Headers = """
        #include <stdio.h>
        #include <stddef.h>
        #include <net/if.h>
        #include <linux/netlink.h>
        #include <linux/rtnetlink.h>
        #include <linux/if_addr.h>
        #include <linux/neighbour.h>
        #include <linux/genetlink.h>
        #include <linux/tcp.h>
        #include <linux/ethtool.h>
        """;

    [Fact]
    public void Every_declared_kernel_struct_has_the_size_and_offsets_of_the_system_headers()
    {
        // Given what our declarations say
        var ours = Describe(Structs);

        // When the C compiler answers the same questions from the system headers
        var theirs = CompileAndRun(Program(ours.Keys));

        // Then every answer is the same
        var differences = ours.Where(p => theirs.GetValueOrDefault(p.Key) != p.Value)
            .Select(p => $"{p.Key}: ours {p.Value}, C {theirs.GetValueOrDefault(p.Key) ?? "missing"}")
            .ToList();
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
        Assert.True(ours.Count > 100, $"only {ours.Count} checks");
    }

    /// <summary>"struct.field" → offset and "struct" → size, from our declarations.</summary>
    private static Dictionary<string, string> Describe(IEnumerable<Checked> structs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in structs)
        {
            if (s.CompareSize)
                result[s.Type.Name] = Marshal.SizeOf(s.Type).ToString(CultureInfo.InvariantCulture);
            foreach (var field in s.Type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            {
                if (!s.SkippedFields.Contains(field.Name))
                    result[$"{s.Type.Name}.{field.Name}"] = Marshal.OffsetOf(s.Type, field.Name).ToString(CultureInfo.InvariantCulture);
            }
        }
        return result;
    }

    private static string Program(IEnumerable<string> keys)
    {
        var c = new StringBuilder(Headers).AppendLine().AppendLine("int main(void) {");
        foreach (var key in keys)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            var expression = dot < 0 ? $"sizeof(struct {key})" : $"offsetof(struct {key[..dot]}, {key[(dot + 1)..]})";
            c.AppendLine(CultureInfo.InvariantCulture, $"    printf(\"{key} %zu\\n\", {expression});");
        }
        return c.AppendLine("    return 0;").AppendLine("}").ToString();
    }

    private static Dictionary<string, string> CompileAndRun(string source)
    {
        var directory = Directory.CreateTempSubdirectory("perfsuite-structs-");
        try
        {
            var sourcePath = Path.Combine(directory.FullName, "structs.c");
            var binaryPath = Path.Combine(directory.FullName, "structs");
            File.WriteAllText(sourcePath, source);
            var (compiled, compilerOutput) = Run("gcc", ["-o", binaryPath, sourcePath]);
            Requires.That(compiled is not null, "no C compiler (gcc) on this machine; CI installs it");
            Requires.That(compiled == 0 || !compilerOutput.Contains("No such file or directory", StringComparison.Ordinal),
                $"system headers missing (libc6-dev, linux-libc-dev): {compilerOutput.Trim()}");
            Assert.True(compiled == 0, $"the struct program does not compile:{Environment.NewLine}{compilerOutput}");
            var (exit, output) = Run(binaryPath, []);
            Assert.Equal(0, exit);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' '))
                .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Exit code and output of a program, or a null exit code when it cannot be started.</summary>
    private static (int? Exit, string Output) Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
    }
}

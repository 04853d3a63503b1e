using System.Text.Json;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;

namespace PerfSuite.Cli.Commands;

/// <summary>Writes a probe snapshot as the versioned JSON document, as <c>ethtool -k</c> text, or as the table
/// for people.</summary>
internal sealed class ProbeWriter(TextWriter output)
{
    public void Write(ProbeDocument document, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.Write(JsonSerializer.Serialize(document, ModelJsonContext.Default.ProbeDocument));
                output.Write('\n');
                break;
            case OutputFormat.EthtoolK:
                for (var i = 0; i < document.Interfaces.Count; i++)
                {
                    // Several interfaces are separated by an empty line, as ethtool separates devices in its
                    // dump and monitor modes; one interface is exactly `ethtool -k IF`.
                    if (i > 0)
                        output.Write('\n');
                    EthtoolKRenderer.Write(output, document.Interfaces[i].Name, document.Interfaces[i].Features);
                }
                break;
            default:
                new ProbeTableWriter(output).Write(document);
                break;
        }
    }
}

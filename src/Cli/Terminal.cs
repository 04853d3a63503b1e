using System.Text;

namespace PerfSuite.Cli;

/// <summary>Text from users, files or peers echoed to a terminal: control characters (an escape sequence in an
/// interface name or a results label could move the cursor, retitle the window or hide text) are shown escaped.</summary>
internal static class Terminal
{
    public static string Escape(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E')
            {
                clean = false;
                break;
            }
        }
        if (clean)
            return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E')
                builder.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => $"\\u{(int)c:x4}" });
            else
                builder.Append(c);
        }
        return builder.ToString();
    }
}

namespace PerfSuite.Report.Figures;

/// <summary>One rendered figure: the same drawing as PNG (for Markdown on a code host) and SVG (inlined in HTML).</summary>
/// <param name="Name">File stem under <c>figures/</c>: <c>goodput-overhead</c>, <c>cpu-cost-mtu1500</c>.</param>
/// <param name="Title">What it shows, for headings and alt text.</param>
/// <param name="Caption">How to read it: what the marks, bars and lines mean.</param>
/// <param name="Width">Pixels.</param>
/// <param name="Height">Pixels.</param>
/// <param name="Png">The PNG file's bytes.</param>
/// <param name="Svg">The SVG document.</param>
public sealed record Figure(string Name, string Title, string Caption, int Width, int Height, byte[] Png, string Svg);

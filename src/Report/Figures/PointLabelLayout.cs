using ScottPlot;
using SkiaSharp;

namespace PerfSuite.Report.Figures;

/// <summary>Places text labels next to points so that no label covers another label, a marker or an error bar,
/// and none leaves the data area. Greedy: each label takes the first free spot among positions around its point
/// (right, left, above, below, diagonals), then the same positions further out; a label that finds no free spot
/// takes the one it overlaps least. Works in pixels, after the plot has been laid out once.</summary>
internal static class PointLabelLayout
{
    /// <summary>Marker radius plus a small gap, in pixels.</summary>
    private const float Near = 9;

    private static readonly (float Dx, float Dy)[] Directions =
    [
        (1, 0), (-1, 0), (1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1),
    ];

    private static readonly float[] Distances = [Near, Near + 14, Near + 30, Near + 50];

    /// <summary>Where each label goes (its rectangle, top-left first) and how far out it had to move: 0 is next to
    /// its point; a larger ring deserves a leader line.</summary>
    public readonly record struct Placement(PixelRect Rect, int Ring);

    public static IReadOnlyList<Placement> Place(IReadOnlyList<(Pixel Anchor, string Text)> labels, IReadOnlyList<PixelRect> obstacles,
        PixelRect area, float fontSize)
    {
        using var font = new SKFont(BundledFonts.Regular, fontSize);
        var lineHeight = font.Spacing;
        var placed = new List<PixelRect>();
        var result = new Placement[labels.Count];
        // Labels of crowded points go first, while there is still room around them.
        var order = Enumerable.Range(0, labels.Count)
            .OrderByDescending(i => labels.Count(l => Distance(l.Anchor, labels[i].Anchor) < 40))
            .ThenBy(i => labels[i].Anchor.X)
            .ToList();
        foreach (var i in order)
        {
            var (anchor, text) = labels[i];
            var lines = text.Split('\n');
            var width = lines.Max(l => font.MeasureText(l)) + 4;
            var height = lineHeight * lines.Length + 2;
            var best = new Placement(Candidate(anchor, 1, 0, Distances[0], width, height), 0);
            var bestCost = double.MaxValue;
            for (var ring = 0; ring < Distances.Length && bestCost > 0; ring++)
            {
                foreach (var (dx, dy) in Directions)
                {
                    var rect = Candidate(anchor, dx, dy, Distances[ring], width, height);
                    var cost = Cost(rect, area, placed, obstacles);
                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        best = new Placement(rect, ring);
                        if (cost == 0)
                            break;
                    }
                }
            }
            result[i] = best;
            placed.Add(best.Rect);
        }
        return result;
    }

    private static PixelRect Candidate(Pixel anchor, float dx, float dy, float distance, float width, float height)
    {
        float left = dx switch
        {
            > 0 => anchor.X + distance * (dy == 0 ? 1 : 0.7f),
            < 0 => anchor.X - distance * (dy == 0 ? 1 : 0.7f) - width,
            _ => anchor.X - width / 2,
        };
        float top = dy switch
        {
            > 0 => anchor.Y + distance * (dx == 0 ? 1 : 0.7f),
            < 0 => anchor.Y - distance * (dx == 0 ? 1 : 0.7f) - height,
            _ => anchor.Y - height / 2,
        };
        return new PixelRect(left, left + width, top + height, top);
    }

    /// <summary>Area of overlap with everything already there, plus a heavy price for leaving the data area.</summary>
    private static double Cost(PixelRect rect, PixelRect area, List<PixelRect> placed, IReadOnlyList<PixelRect> obstacles)
    {
        double cost = 0;
        var outside = rect.Width * rect.Height - Overlap(rect, area);
        cost += outside * 20;
        foreach (var other in placed)
            cost += Overlap(rect, other) * 4;
        foreach (var obstacle in obstacles)
            cost += Overlap(rect, obstacle);
        return cost;
    }

    private static double Overlap(PixelRect a, PixelRect b)
    {
        var w = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
        return w > 0 && h > 0 ? w * h : 0;
    }

    private static double Distance(Pixel a, Pixel b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}

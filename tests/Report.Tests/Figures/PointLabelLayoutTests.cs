using PerfSuite.Report.Figures;
using ScottPlot;

namespace PerfSuite.Report.Tests.Figures;

public sealed class PointLabelLayoutTests
{
    private static readonly string[] CrowdedLabels = ["same-node", "host", "native", "native", "host"];

    [Fact]
    public void Labels_of_crowded_points_neither_overlap_each_other_nor_their_markers()
    {
        // Given five points close together in the middle of the plot, as same-node, host and native are at 0 bytes
        var area = new PixelRect(0, 800, 500, 0);
        var labels = CrowdedLabels
            .Select((text, i) => (Anchor: new Pixel(300 + i * 6, 200 + (i % 2) * 10), Text: text))
            .ToList();
        var markers = labels.Select(l => new PixelRect(l.Anchor, 7)).ToList();

        // When they are placed
        var placements = PointLabelLayout.Place(labels, markers, area, 12);

        // Then each label lies inside the area and clear of every other label and every marker
        for (var i = 0; i < placements.Count; i++)
        {
            var rect = placements[i].Rect;
            Assert.True(rect.Left >= area.Left && rect.Right <= area.Right && rect.Top >= area.Top && rect.Bottom <= area.Bottom, $"label {i} leaves the area");
            foreach (var marker in markers)
                Assert.False(Overlaps(rect, marker), $"label {i} covers a marker");
            for (var j = 0; j < i; j++)
                Assert.False(Overlaps(rect, placements[j].Rect), $"labels {j} and {i} overlap");
        }
    }

    [Fact]
    public void A_label_at_the_right_edge_goes_to_the_left_of_its_point()
    {
        var area = new PixelRect(0, 400, 300, 0);

        var placement = PointLabelLayout.Place([(new Pixel(395, 150), "vxlan+wireguard")], [], area, 12).Single();

        Assert.True(placement.Rect.Right <= 395);
        Assert.True(placement.Rect.Left >= 0);
    }

    private static bool Overlaps(PixelRect a, PixelRect b) =>
        Math.Min(a.Right, b.Right) > Math.Max(a.Left, b.Left) && Math.Min(a.Bottom, b.Bottom) > Math.Max(a.Top, b.Top);
}

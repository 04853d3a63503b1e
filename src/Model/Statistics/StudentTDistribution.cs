namespace PerfSuite.Model.Statistics;

/// <summary>Student's t distribution with an integer number of degrees of freedom: the distribution of a mean's
/// deviation over its estimated standard error. The gate uses it for run-to-run variance estimated from a few
/// baseline runs (k runs give k − 1 degrees of freedom).</summary>
/// <remarks>The cumulative probability uses the finite series of Abramowitz &amp; Stegun 26.7.3 (odd ν) and 26.7.4
/// (even ν) in θ = atan(t/√ν), exact up to rounding for every integer ν; the quantile inverts it by bisection.</remarks>
public static class StudentTDistribution
{
    /// <summary>P(T ≤ t) with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double Cdf(double t, int degreesOfFreedom)
    {
        var nu = RequireDegrees(degreesOfFreedom);
        if (double.IsNaN(t))
            return double.NaN;
        if (double.IsPositiveInfinity(t))
            return 1;
        if (double.IsNegativeInfinity(t))
            return 0;
        // A(t|ν) = P(−t ≤ T ≤ t), odd in t when θ carries the sign.
        var theta = Math.Atan(t / Math.Sqrt(nu));
        double sin = Math.Sin(theta), cos = Math.Cos(theta), cos2 = cos * cos;
        double a;
        if (nu % 2 == 1)
        {
            var sum = 0.0;
            if (nu > 1)
            {
                // cosθ + (2/3)cos³θ + (2·4)/(3·5)cos⁵θ + … up to cos^(ν−2)θ
                var term = cos;
                sum = term;
                for (var k = 3; k <= nu - 2; k += 2)
                {
                    term *= cos2 * (k - 1) / k;
                    sum += term;
                }
            }
            a = 2 / Math.PI * (theta + sin * sum);
        }
        else
        {
            // 1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … up to cos^(ν−2)θ
            var term = 1.0;
            var sum = 1.0;
            for (var k = 2; k <= nu - 2; k += 2)
            {
                term *= cos2 * (k - 1) / k;
                sum += term;
            }
            a = sin * sum;
        }
        return Math.Clamp((1 + a) / 2, 0, 1);
    }

    /// <summary>The t with P(T ≤ t) = p, for 0 &lt; p &lt; 1.</summary>
    public static double Quantile(double p, int degreesOfFreedom)
    {
        RequireDegrees(degreesOfFreedom);
        if (!(p > 0 && p < 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, "a probability strictly between 0 and 1 is required");
        if (p < 0.5)
            return -Quantile(1 - p, degreesOfFreedom);
        // The upper bracket doubles until it holds p (ν = 1, p = 1 − 1e-12 needs about 3e11).
        double low = 0, high = 1;
        while (Cdf(high, degreesOfFreedom) < p)
        {
            low = high;
            high *= 2;
            if (high > 1e300)
                return double.PositiveInfinity;
        }
        for (var i = 0; i < 200 && high - low > 1e-13 * high; i++)
        {
            var middle = (low + high) / 2;
            if (Cdf(middle, degreesOfFreedom) < p)
                low = middle;
            else
                high = middle;
        }
        return (low + high) / 2;
    }

    private static int RequireDegrees(int nu) =>
        nu >= 1 ? nu : throw new ArgumentOutOfRangeException(nameof(nu), nu, "the degrees of freedom must be at least 1");
}

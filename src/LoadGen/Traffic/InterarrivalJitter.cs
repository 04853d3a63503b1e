namespace PerfSuite.LoadGen.Traffic;

/// <summary>RFC 3550 §6.4.1 interarrival jitter: for consecutive arrivals i−1, i with transit time
/// T = arrival − send, D = T(i) − T(i−1) and J += (|D| − J) / 16. Kept in nanoseconds as a double rather than in the
/// RFC's integer timestamp units, so it does not round towards zero at low jitter.</summary>
public struct InterarrivalJitter
{
    private long _lastTransit;
    private bool _started;

    public double JitterNs { get; private set; }

    public void Add(long sendNs, long arrivalNs)
    {
        var transit = arrivalNs - sendNs;
        if (_started)
        {
            var d = Math.Abs((double)(transit - _lastTransit));
            JitterNs += (d - JitterNs) / 16.0;
        }
        _lastTransit = transit;
        _started = true;
    }
}

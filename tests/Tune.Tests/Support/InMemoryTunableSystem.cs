using PerfSuite.Model.Errors;
using PerfSuite.Tune.Apply;
using PerfSuite.Tune.Changes;

namespace PerfSuite.Tune.Tests.Support;

/// <summary>Knobs held in memory, with the kernel's behaviours the journal must cope with: features with separate
/// requested and active bits (a fixed or dependency-blocked feature keeps its active state), drivers that round
/// what they are given, and writes that fail. Every write is recorded.</summary>
internal sealed class InMemoryTunableSystem : ITunableSystem
{
    private readonly Dictionary<string, TuneSetting> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Iface, string Feature), FeatureBits> _features = [];

    public string NamespaceLabel => "memory";

    public List<TuneSetting> Writes { get; } = [];

    /// <summary>Called before each write, with the setting; lets a test look at the journal at that moment.</summary>
    public Action<TuneSetting>? BeforeWrite { get; set; }

    /// <summary>Knobs (<see cref="TuneSetting.Knob"/>) whose writes fail with EPERM-like errors.</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>What the "driver" makes of a value (ring sizes rounded, for instance).</summary>
    public Func<TuneSetting, TuneSetting> Driver { get; set; } = s => s;

    public InMemoryTunableSystem Set(TuneSetting setting)
    {
        _values[setting.Knob()] = setting;
        return this;
    }

    public InMemoryTunableSystem Feature(string iface, string feature, bool requested, bool active, bool blocked = false)
    {
        _features[(iface, feature)] = new FeatureBits(requested, active, blocked);
        return this;
    }

    public (bool Requested, bool Active) FeatureState(string iface, string feature) =>
        (_features[(iface, feature)].Requested, _features[(iface, feature)].Active);

    public TuneSetting Current(string knob) => _values[knob];

    public TuneSetting Read(TuneSetting knob)
    {
        if (knob is FeatureSetting f)
            return new FeatureSetting(f.Interface, f.Requested.Keys.ToDictionary(k => k, k => Bits(f.Interface, k).Requested, StringComparer.Ordinal));
        return _values.TryGetValue(knob.Knob(), out var value)
            ? value
            : throw new PerfSuiteException(ErrorReason.NotFound, $"no {knob.Knob()}");
    }

    public void Write(TuneSetting setting)
    {
        BeforeWrite?.Invoke(setting);
        if (Failing.Contains(setting.Knob()))
            throw new PerfSuiteException(ErrorReason.PermissionDenied, $"writing {setting.Knob()}: Operation not permitted");
        Writes.Add(setting);
        if (setting is FeatureSetting f)
        {
            foreach (var (name, wanted) in f.Requested)
            {
                var bits = Bits(f.Interface, name);
                _features[(f.Interface, name)] = bits with { Requested = wanted, Active = bits.Blocked ? bits.Active : wanted };
            }
            return;
        }
        _ = Read(setting);
        _values[setting.Knob()] = Driver(setting);
    }

    public SettingCheck Check(TuneSetting wanted)
    {
        var readBack = Read(wanted);
        if (wanted is FeatureSetting f)
        {
            var off = f.Requested.Where(p => Bits(f.Interface, p.Key).Active != p.Value).Select(p => p.Key).ToList();
            return new SettingCheck(off.Count == 0, readBack, off.Count == 0 ? null : $"still {string.Join(", ", off)} as before: blocked");
        }
        return readBack.SameState(wanted)
            ? new SettingCheck(true, readBack, null)
            : new SettingCheck(false, readBack, $"reads back as {readBack.Describe()}");
    }

    public void Dispose()
    {
    }

    private FeatureBits Bits(string iface, string feature) =>
        _features.TryGetValue((iface, feature), out var bits)
            ? bits
            : throw new PerfSuiteException(ErrorReason.InvalidArgument, $"unknown feature '{feature}' on '{iface}'");

    private sealed record FeatureBits(bool Requested, bool Active, bool Blocked);
}

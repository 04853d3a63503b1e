using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace PerfSuite.Benchmarks.Tests;

/// <summary>Every benchmark of bench/ runs once per case, outside BenchmarkDotNet and without timing anything: so a
/// fixture that moved, a case that no longer constructs or a product change that breaks a benchmark fails here,
/// in seconds, rather than minutes into <c>bench/run</c>.</summary>
public sealed class BenchmarkCasesTests
{
    public static TheoryData<string> BenchmarkClasses() => new(BenchmarkTypes().Select(t => t.FullName!));

    [Fact]
    public void Every_area_has_benchmarks()
    {
        // Given the benchmark classes by namespace
        var areas = BenchmarkTypes().Select(t => t.Namespace!.Split('.')[^1]).ToHashSet(StringComparer.Ordinal);

        // Then every area of issue 9 is covered
        Assert.Superset(new HashSet<string> { "Probe", "Netlink", "Proc", "Statistics", "Results", "Traffic", "Tunnels" }, areas);
    }

    [Theory]
    [MemberData(nameof(BenchmarkClasses))]
    public void Every_case_runs_once(string className)
    {
        // Given the benchmark class and its parameter cases
        var type = typeof(EmbeddedFixtures).Assembly.GetType(className, throwOnError: true)!;
        // (BenchmarkDotNet derives its generated runner from the class, so it must be public and not sealed)
        Assert.True(type.IsPublic && !type.IsSealed && !type.IsAbstract, $"{type.Name} must be public, unsealed, concrete");
        var parameter = type.GetProperties().SingleOrDefault(p => p.GetCustomAttribute<ParamsSourceAttribute>() is not null);
        object?[] parameterValues = parameter is null ? [null] : [.. Source(type, parameter.GetCustomAttribute<ParamsSourceAttribute>()!.Name)];
        Assert.NotEmpty(parameterValues);
        var runs = 0;

        foreach (var value in parameterValues)
        {
            foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                // When each case is set up for the method (as BenchmarkDotNet does: a fresh instance, the setups that
                // target it), the method called once with each of its arguments, and cleaned up
                var instance = Activator.CreateInstance(type)!;
                parameter?.SetValue(instance, value);
                Invoke<GlobalSetupAttribute>(type, instance, method.Name);
                try
                {
                    var arguments = method.GetCustomAttribute<ArgumentsSourceAttribute>() is { } source
                        ? Source(type, source.Name).Select(a => new[] { a }).ToList()
                        : [[]];
                    foreach (var argument in arguments)
                    {
                        var result = method.Invoke(instance, argument);
                        // Then it returns something (a value-returning benchmark that returns null decoded nothing)
                        if (method.ReturnType != typeof(void))
                            Assert.NotNull(result);
                        if (result is int or long)
                            Assert.NotEqual(0L, Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture));
                        if (result is bool ok)
                            Assert.True(ok);
                        runs++;
                    }
                }
                finally
                {
                    Invoke<GlobalCleanupAttribute>(type, instance, method.Name);
                }
            }
        }
        Assert.True(runs > 0);
    }

    [Fact]
    public void Case_labels_are_what_the_table_shows()
    {
        // Given every argument and parameter source
        var labels = BenchmarkTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.GetParameters().Length == 0 && m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                .SelectMany(m => ((System.Collections.IEnumerable)m.Invoke(null, null)!).Cast<object>()))
            .Select(c => c.ToString()!)
            .ToList();

        // Then each has a label short enough for the table's parameter column, and none is a type name
        Assert.NotEmpty(labels);
        Assert.All(labels, label =>
        {
            Assert.InRange(label.Length, 1, 40);
            Assert.DoesNotContain("BenchmarkCase", label, StringComparison.Ordinal);
        });
    }

    private static IEnumerable<Type> BenchmarkTypes() =>
        typeof(EmbeddedFixtures).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static IEnumerable<object?> Source(Type type, string name)
    {
        var member = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{type.Name} has no public static {name}()");
        return ((System.Collections.IEnumerable)member.Invoke(null, null)!).Cast<object?>();
    }

    /// <summary>Calls the [GlobalSetup] or [GlobalCleanup] methods that apply to <paramref name="benchmark"/>: those
    /// without targets and those that name it.</summary>
    private static void Invoke<TAttribute>(Type type, object instance, string benchmark) where TAttribute : TargetedAttribute
    {
        foreach (var method in type.GetMethods())
        {
            if (method.GetCustomAttribute<TAttribute>() is { } attribute && (attribute.Targets.Length == 0 || attribute.Targets.Contains(benchmark)))
                method.Invoke(instance, null);
        }
    }
}

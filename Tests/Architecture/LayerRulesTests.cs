using System.Reflection;
using NetArchTest.Rules;
using StoreMonitor.Api.Hosting;
using StoreMonitor.Engine;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Ingestion;

namespace StoreMonitor.Tests.Architecture;

/// <summary>
/// Where code runs is the project references: <c>Engine</c> (pure), <c>Grains.Interfaces</c> (the wire), <c>Grains</c>
/// (silos), <c>Ingestion</c> (the host that reads the CSVs), <c>Api</c> and <c>Silo</c> (hosts). These rules are what
/// references cannot say: that the engine's one Orleans package stays the attributes, that no reference sneaks CSV
/// ingestion into a silo, and that the API reaches the grains through their interfaces, not their classes.
/// </summary>
public sealed class LayerRulesTests
{
    private static readonly Assembly EngineAssembly = typeof(UptimeCalculator).Assembly;
    private static readonly Assembly GrainsAssembly = typeof(StoreMonitorSiloBuilderExtensions).Assembly;
    private static readonly Assembly IngestionAssembly = typeof(IngestionRunner).Assembly;
    private static readonly Assembly ApiAssembly = typeof(StoreMonitorApi).Assembly;

    [Fact]
    public void The_engine_knows_of_Orleans_only_the_serializer_attributes()
    {
        var references = EngineAssembly.GetReferencedAssemblies().Select(reference => reference.Name!).ToArray();

        Assert.Contains("NodaTime", references);
        Assert.All(references, reference => Assert.True(
            reference is "NodaTime" or "Orleans.Serialization.Abstractions" || reference.StartsWith("System", StringComparison.Ordinal),
            $"The engine references {reference}"));
    }

    [Fact]
    public void A_silo_loads_no_CSV_ingestion()
    {
        var closure = ReferenceClosure(GrainsAssembly);

        Assert.Contains(typeof(IStoreGrain).Assembly.GetName().Name!, closure);
        Assert.DoesNotContain(IngestionAssembly.GetName().Name!, closure);
        Assert.DoesNotContain("CsvHelper", closure);
    }

    [Fact]
    public void The_API_names_no_grain_class()
    {
        var grainClasses = GrainsAssembly.GetTypes()
            .Where(type => typeof(Grain).IsAssignableFrom(type))
            .Select(type => type.FullName!)
            .ToArray();
        Assert.Contains("StoreMonitor.Grains.Stores.StoreGrain", grainClasses);

        AssertHolds(Types.InAssembly(ApiAssembly).ShouldNot().HaveDependencyOnAny(grainClasses));
    }

    [Fact]
    public void The_API_uses_of_the_grains_project_only_its_hosting()
    {
        var grainsNamespaces = GrainsAssembly.GetTypes()
            .Select(type => type.Namespace)
            .OfType<string>()
            .Where(name => name.StartsWith("StoreMonitor.Grains.", StringComparison.Ordinal) && name != "StoreMonitor.Grains.Hosting")
            .Distinct()
            .Select(name => name + ".")
            .ToArray();
        Assert.Contains("StoreMonitor.Grains.Storage.", grainsNamespaces);

        AssertHolds(Types.InAssembly(ApiAssembly).ShouldNot().HaveDependencyOnAny(grainsNamespaces));
    }

    private static HashSet<string> ReferenceClosure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(root.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            // The framework's own assemblies are not ours to police, and loading each would only slow the test.
            if (!seen.Add(name.Name!) || name.Name!.StartsWith("System", StringComparison.Ordinal) || name.Name.StartsWith("Microsoft", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Push(reference);
            }
        }

        return seen;
    }

    private static void AssertHolds(ConditionList rule)
    {
        var result = rule.GetResult();
        Assert.True(result.IsSuccessful, "Broken by: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}

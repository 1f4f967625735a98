using NetArchTest.Rules;
using StoreMonitor.Api.Hosting;
using StoreMonitor.Grains.Ingestion;
using StoreMonitor.Grains.IngestionRuns;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Grains.Uptime;

namespace StoreMonitor.Tests.Architecture;

/// <summary>
/// Where code runs, enforced. The Grains assembly holds four roles in four kinds of folder: the pure
/// engine (<c>Uptime</c>), grains that run in a silo (<c>Stores</c>, <c>Reports</c>, <c>IngestionRuns</c>),
/// CSV ingestion that runs in the API host (<c>Ingestion</c>), and silo wiring (<c>Hosting</c>, <c>Storage</c>).
/// </summary>
public sealed class LayerRulesTests
{
    private const string Engine = "StoreMonitor.Grains.Uptime";
    private const string Ingestion = "StoreMonitor.Grains.Ingestion";
    private static readonly string[] GrainFolders = ["StoreMonitor.Grains.Stores", "StoreMonitor.Grains.Reports", "StoreMonitor.Grains.IngestionRuns"];
    private static readonly string[] SiloWiring = ["StoreMonitor.Grains.Hosting", "StoreMonitor.Grains.Storage"];

    // Dependencies match by prefix of the full type name: the trailing dot keeps "Ingestion." from also
    // matching "IngestionRuns.".
    private static readonly string IngestionTypes = Ingestion + ".";

    private static Types GrainsAssembly => Types.InAssembly(typeof(ReportGrain).Assembly);

    [Fact]
    public void The_engine_uses_no_Orleans_type()
    {
        Assert.Contains(typeof(UptimeCalculator), GrainsAssembly.That().ResideInNamespace(Engine).GetTypes());
        AssertHolds(GrainsAssembly.That().ResideInNamespace(Engine).ShouldNot().HaveDependencyOnAny("Orleans", "Microsoft.Extensions"));
    }

    [Fact]
    public void The_engine_knows_nothing_of_grains_ingestion_or_hosting()
    {
        AssertHolds(GrainsAssembly.That().ResideInNamespace(Engine)
            .ShouldNot().HaveDependencyOnAny([.. GrainFolders.Select(folder => folder + "."), IngestionTypes, .. SiloWiring.Select(folder => folder + ".")]));
    }

    [Fact]
    public void Ingestion_talks_to_grains_only_through_their_interfaces()
    {
        var ingestion = GrainsAssembly.That().ResideInNamespaceMatching(@"^StoreMonitor\.Grains\.Ingestion(\.|$)");
        Assert.Contains(typeof(IngestionRunner), ingestion.GetTypes());
        Assert.DoesNotContain(typeof(IngestionStatusGrain), ingestion.GetTypes());
        AssertHolds(ingestion
            .ShouldNot().HaveDependencyOnAny([.. GrainFolders.Select(folder => folder + "."), .. SiloWiring.Select(folder => folder + ".")]));
    }

    [Fact]
    public void Grains_do_not_use_the_ingestion_that_runs_in_the_API_host()
    {
        AssertHolds(GrainsAssembly.That().ResideInNamespaceMatching(@"^StoreMonitor\.Grains\.(Stores|Reports|IngestionRuns)")
            .ShouldNot().HaveDependencyOn(IngestionTypes));
    }

    [Fact]
    public void Nothing_below_the_API_depends_on_it()
    {
        const string Api = "StoreMonitor.Api";
        Assert.StartsWith(Api, typeof(StoreMonitorApi).Namespace, StringComparison.Ordinal);
        AssertHolds(GrainsAssembly.ShouldNot().HaveDependencyOn(Api));
        AssertHolds(Types.InAssembly(typeof(IReportGrain).Assembly).ShouldNot().HaveDependencyOn(Api));
    }

    private static void AssertHolds(ConditionList rule)
    {
        var result = rule.GetResult();
        Assert.True(result.IsSuccessful, "Broken by: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}

using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.IngestionLedger;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Live;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Grains.Stores;
using StoreMonitor.Grains.Webhooks;

namespace StoreMonitor.Tests.Grains.Persistence;

/// <summary>
/// Stored rows and messages are found by names, not by class names. These tests rename nothing: they fail
/// when a name that stored data depends on is missing or changes.
/// </summary>
public sealed class PinnedNamesTests
{
    private static readonly Assembly Contract = typeof(IReportGrain).Assembly;
    private static readonly Assembly Implementation = typeof(ReportGrain).Assembly;
    private static readonly Assembly Engine = typeof(PollMark).Assembly;

    /// <summary>
    /// Types renamed after they were first stored or called: their alias keeps the first name. Every other alias is
    /// <c>StoreMonitor.</c> and the type's name.
    /// </summary>
    private static readonly Dictionary<Type, string> FirstNames = new()
    {
        [typeof(IIngestionLedgerGrain)] = "StoreMonitor.IIngestionStatusGrain",
        [typeof(IngestionLedgerState)] = "StoreMonitor.IngestionStatusState",
    };

    private static string ExpectedAlias(Type type) => FirstNames.GetValueOrDefault(type) ?? $"StoreMonitor.{type.Name}";

    public static TheoryData<Type, string, string?> Grains => new()
    {
        // grain class, grain type (part of every grain id), state name (the storage row's GrainTypeString; null: stores nothing)
        { typeof(StoreGrain), "store", "store" },
        { typeof(StoreIndexGrain), "storeindex", "store-index" },
        { typeof(ReportGrain), "report", "report" },
        { typeof(IngestionLedgerGrain), "ingestionstatus", "ingestion-status" },
        { typeof(IngestionRunGrain), "ingestionrun", "ingestion-run" },
        { typeof(ReportQueueGrain), "reportqueue", null },
        { typeof(ReportCatalogGrain), "reportcatalog", "report-catalog" },
        { typeof(ReportPartGrain), "reportpart", "report-part" },
        { typeof(WebhookRouterGrain), "webhookrouter", "webhook-router" },
        { typeof(WebhookSubscriptionGrain), "webhooksubscription", "webhook-subscription" },
        { typeof(LiveBoardGrain), "liveboard", "live-board" },
        { typeof(LiveHostsGrain), "livehosts", null },
        { typeof(LiveNotifierGrain), "livenotifier", null },
    };

    [Theory]
    [MemberData(nameof(Grains))]
    public void Each_grain_pins_its_grain_type_and_state_name(Type grain, string grainType, string? stateName)
    {
        var pinned = grain.GetCustomAttributesData().SingleOrDefault(attribute => attribute.AttributeType == typeof(GrainTypeAttribute));
        Assert.Equal(grainType, pinned?.ConstructorArguments[0].Value as string);
        var parameters = grain.GetConstructors().Single().GetParameters();
        var state = parameters
            .Select(parameter => parameter.GetCustomAttribute<PersistentStateAttribute>())
            .SingleOrDefault(attribute => attribute is not null);
        if (parameters.SingleOrDefault(parameter => parameter.ParameterType == typeof(IGrainStorage)) is { } storage)
        {
            Assert.Equal(StorageNames.Grains, storage.GetCustomAttribute<FromKeyedServicesAttribute>()?.Key);
            if (state is null)
            {
                // A grain that reads and writes its storage itself names its state in a constant.
                Assert.Equal(stateName, grain.GetField("StateName")?.GetRawConstantValue());
                return;
            }
        }

        if (stateName is null)
        {
            Assert.Null(state);
            return;
        }

        Assert.NotNull(state);
        Assert.Equal(stateName, state.StateName);
        Assert.Equal(StorageNames.Grains, state.StorageName);
    }

    [Fact]
    public void Records_kept_beside_a_grain_state_keep_their_state_names()
    {
        // A webhook subscription's queue pieces (PendingQueueRecords), stored beside its state.
        Assert.Equal("webhook-queue-piece", StateNames.WebhookQueuePiece);
    }

    [Fact]
    public void Every_grain_class_is_listed_above()
    {
        var grains = Implementation.GetTypes().Where(type => type.IsClass && !type.IsAbstract && typeof(Grain).IsAssignableFrom(type));
        Assert.Equal(
            Grains.Select(row => ((Type)row[0]).Name).Order(StringComparer.Ordinal),
            grains.Select(type => type.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_grain_interface_and_method_has_an_alias()
    {
        var interfaces = Contract.GetTypes().Where(type => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type)).ToList();
        Assert.NotEmpty(interfaces);
        foreach (var contract in interfaces)
        {
            Assert.Equal(ExpectedAlias(contract), contract.GetCustomAttribute<AliasAttribute>()?.Alias);
            foreach (var method in contract.GetMethods())
            {
                Assert.True(method.GetCustomAttribute<AliasAttribute>()?.Alias == method.Name, $"{contract.Name}.{method.Name} has no [Alias(\"{method.Name}\")]");
            }
        }
    }

    [Fact]
    public void Every_serialized_type_has_an_alias()
    {
        var serialized = new[] { Engine, Contract, Implementation }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.GetCustomAttribute<GenerateSerializerAttribute>() is not null
                || (type.IsEnum && type.IsPublic && type.Assembly != Implementation))
            .ToList();
        Assert.NotEmpty(serialized);
        foreach (var type in serialized)
        {
            Assert.True(type.GetCustomAttribute<AliasAttribute>()?.Alias == ExpectedAlias(type), $"{type.FullName} has no [Alias(\"{ExpectedAlias(type)}\")]");
        }
    }
}

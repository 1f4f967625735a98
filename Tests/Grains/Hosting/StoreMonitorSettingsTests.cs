using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreMonitor.Api.Hosting;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Ingestion;

namespace StoreMonitor.Tests.Grains.Hosting;

/// <summary>Settings that cannot work stop the host before it starts, with a message naming the key.</summary>
public sealed class StoreMonitorSettingsTests
{
    [Theory]
    [InlineData("Storage", "cassandra", "StoreMonitor:Storage 'cassandra' is not supported")]
    [InlineData("ReportConcurrencyPerPartition", "0", "StoreMonitor:ReportConcurrencyPerPartition must be at least 1")]
    [InlineData("ReportSliceStores", "0", "StoreMonitor:ReportSliceStores must be between 1 and 20000")]
    [InlineData("ReportSliceStores", "20001", "StoreMonitor:ReportSliceStores must be between 1 and 20000")]
    [InlineData("ReportRetention:KeepFor", "00:00:00", "StoreMonitor:ReportRetention:KeepFor must be positive")]
    [InlineData("ReportRetention:KeepAtLeast", "0", "StoreMonitor:ReportRetention:KeepAtLeast must be at least 1")]
    [InlineData("ReportRetention:KeepAtMost", "5", "StoreMonitor:ReportRetention:KeepAtLeast must be at least 1 and KeepAtMost at least KeepAtLeast (they are 20 and 5)")]
    [InlineData("ClearedState:KeptFor", "-00:00:01", "StoreMonitor:ClearedState:KeptFor must not be negative")]
    [InlineData("ClearedState:PurgeInterval", "00:00:00", "StoreMonitor:ClearedState:PurgeInterval must be positive")]
    [InlineData("MaxConcurrentReports", "0", "StoreMonitor:MaxConcurrentReports must be at least 1")]
    [InlineData("IngestionConcurrency", "0", "StoreMonitor:IngestionConcurrency must be at least 1")]
    [InlineData("RetentionDays", "-1", "StoreMonitor:RetentionDays must not be negative")]
    [InlineData("ScanInterval", "-00:01:00", "StoreMonitor:ScanInterval must not be negative")]
    [InlineData("Inbox:Retention", "-1.00:00:00", "StoreMonitor:Inbox:Retention must not be negative")]
    [InlineData("MaxDroppedStoreShare", "1.5", "StoreMonitor:MaxDroppedStoreShare must be between 0 and 1")]
    [InlineData("MaxDroppedStoreShare", "-0.1", "StoreMonitor:MaxDroppedStoreShare must be between 0 and 1")]
    [InlineData("IngestionLeaseDuration", "00:00:20", "StoreMonitor:IngestionLeaseDuration must be at least 00:00:30")]
    [InlineData("Cluster:MetricsPort", "70000", "StoreMonitor:Cluster:MetricsPort must be a TCP port")]
    [InlineData("Cluster:MetricsPort", "-1", "StoreMonitor:Cluster:MetricsPort must be a TCP port")]
    public void A_setting_that_cannot_work_is_refused_by_name(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [$"StoreMonitor:{key}"] = value }));

        Assert.Contains(error.Failures, failure => failure.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_bind_and_a_lease_duration_is_read_as_a_time_span()
    {
        var defaults = Bind([]);
        var configured = Bind(new() { ["StoreMonitor:IngestionLeaseDuration"] = "00:00:45" });

        Assert.Equal(TimeSpan.FromMinutes(2), defaults.Silo.IngestionLeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(45), configured.Silo.IngestionLeaseDuration);
    }

    [Fact]
    public void The_inbox_retention_defaults_to_seven_days_and_is_read_as_a_time_span()
    {
        static TimeSpan Retention(Dictionary<string, string?> values) =>
            IngestionOptions.Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).Inbox.Retention;

        Assert.Equal(TimeSpan.FromDays(7), Retention([]));
        Assert.Equal(TimeSpan.FromHours(36), Retention(new() { ["StoreMonitor:Inbox:Retention"] = "1.12:00:00" }));
        Assert.Equal(TimeSpan.Zero, Retention(new() { ["StoreMonitor:Inbox:Retention"] = "00:00:00" }));
    }

    private static StoreMonitorSettings Bind(Dictionary<string, string?> values) =>
        new ServiceCollection().AddStoreMonitorApiOptions(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}

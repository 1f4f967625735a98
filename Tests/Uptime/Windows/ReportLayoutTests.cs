using System.Text;
using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Uptime.Windows;

/// <summary>The columns and rows of a report with chosen windows (docs/REPORTS.md#columns).</summary>
public class ReportLayoutTests
{
    private static readonly UptimeWindow January = UptimeWindow.Range("jan", Utc(2023, 1, 1, 0, 0), Utc(2023, 2, 1, 0, 0));
    private static readonly UptimeWindow Lunch = UptimeWindow.Range("lunch", Utc(2023, 1, 2, 12, 0), Utc(2023, 1, 2, 13, 0));

    [Fact]
    public void The_SPEC_windows_without_shares_have_the_SPEC_header()
    {
        Assert.Equal(ReportCsv.Header, new ReportLayout(UptimeWindow.Spec, includePercent: false).Header);
    }

    [Fact]
    public void Columns_are_the_uptimes_then_the_downtimes_then_the_shares_in_the_order_given()
    {
        var layout = new ReportLayout([UptimeWindow.Month, January, Lunch, UptimeWindow.Hour], includePercent: true);

        Assert.Equal(
            "store_id,uptime_last_month(in hours),uptime_jan(in hours),uptime_lunch(in minutes),uptime_last_hour(in minutes),"
            + "downtime_last_month(in hours),downtime_jan(in hours),downtime_lunch(in minutes),downtime_last_hour(in minutes),"
            + "uptime_last_month(in %),uptime_jan(in %),uptime_lunch(in %),uptime_last_hour(in %)",
            layout.Header);
    }

    [Fact]
    public void A_row_rounds_each_unit_and_leaves_the_share_empty_without_business_time()
    {
        // Month: up 2 h 20 min (2.33 h), down 40 min (0.67 h): 140 of 180 minutes = 77.777…% → 77.78.
        // Lunch: no business time. Hour: up 20 min, down 40 min: 33.333…% → 33.33.
        var layout = new ReportLayout([UptimeWindow.Month, Lunch, UptimeWindow.Hour], includePercent: true);
        var csv = new StringBuilder();

        layout.AppendRow(csv, "=42", [
            new WindowTotals(Duration.FromMinutes(140), Duration.FromMinutes(40)),
            default,
            new WindowTotals(Duration.FromMinutes(20), Duration.FromMinutes(40))]);

        Assert.Equal("'=42,2.33,0.00,20.00,0.67,0.00,40.00,77.78,,33.33\n", csv.ToString());
    }

    [Fact]
    public void A_share_exactly_on_a_half_rounds_away_from_zero()
    {
        // 1 of 8 hours = 12.5 % exactly; 1 of 1600 = 0.0625 % → 0.06; 1 of 400 = 0.25 %; 1 of 2000 = 0.05 %.
        Assert.Equal(12.50m, ReportCsv.Percent(new WindowTotals(Duration.FromHours(1), Duration.FromHours(7))));
        Assert.Equal(0.06m, ReportCsv.Percent(new WindowTotals(Duration.FromSeconds(1), Duration.FromSeconds(1599))));
        Assert.Equal(0.05m, ReportCsv.Percent(new WindowTotals(Duration.FromSeconds(1), Duration.FromSeconds(1999))));
        Assert.Equal(100.00m, ReportCsv.Percent(new WindowTotals(Duration.FromHours(1), Duration.Zero)));
    }

    [Fact]
    public void The_SPEC_windows_write_the_SPEC_row_byte_for_byte()
    {
        var layout = new ReportLayout(UptimeWindow.Spec, includePercent: false);
        var totals = new UptimeTotals(Duration.FromSeconds(1234), Duration.FromSeconds(45678), Duration.FromSeconds(345678), Duration.FromSeconds(999), Duration.FromSeconds(3333), Duration.FromSeconds(70001));
        var spec = new StringBuilder();
        var chosen = new StringBuilder();

        ReportCsv.AppendRow(spec, "a,\"b\"", totals);
        layout.AppendRow(chosen, "a,\"b\"", [new(totals.UpLastHour, totals.DownLastHour), new(totals.UpLastDay, totals.DownLastDay), new(totals.UpLastWeek, totals.DownLastWeek)]);

        Assert.Equal(spec.ToString(), chosen.ToString());
    }
}

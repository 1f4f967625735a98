using System.Text;
using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Tests.Uptime;

public class ReportCsvTests
{
    private static string Row(string storeId, UptimeTotals totals = default)
    {
        var csv = new StringBuilder();
        ReportCsv.AppendRow(csv, storeId, totals);
        return csv.ToString();
    }

    [Fact]
    public void Header_uses_the_corrected_fourth_column_name()
    {
        Assert.Equal(
            "store_id,uptime_last_hour(in minutes),uptime_last_day(in hours),uptime_last_week(in hours),downtime_last_hour(in minutes),downtime_last_day(in hours),downtime_last_week(in hours)",
            ReportCsv.Header);
    }

    [Fact]
    public void Values_always_have_two_decimals_and_rows_end_with_LF()
    {
        Assert.Equal("s,0.00,0.00,0.00,0.00,0.00,0.00\n", Row("s"));
    }

    [Fact]
    public void Columns_are_up_hour_day_week_then_down_hour_day_week()
    {
        var totals = new UptimeTotals(
            Duration.FromMinutes(1), Duration.FromHours(2), Duration.FromHours(3),
            Duration.FromMinutes(4), Duration.FromHours(5), Duration.FromHours(6));

        Assert.Equal("s,1.00,2.00,3.00,4.00,5.00,6.00\n", Row("s", totals));
    }

    [Fact]
    public void Minutes_round_half_away_from_zero_at_an_exact_005()
    {
        // 0.3 s = 0.005 min exactly; 0.9 s = 0.015 min exactly (banker's rounding would give 0.00 and 0.02).
        Assert.Equal(0.01m, ReportCsv.Minutes(Duration.FromMilliseconds(300)));
        Assert.Equal(0.02m, ReportCsv.Minutes(Duration.FromMilliseconds(900)));
    }

    [Fact]
    public void Minutes_just_below_the_boundary_round_down()
    {
        Assert.Equal(0.00m, ReportCsv.Minutes(Duration.FromMilliseconds(300) - Duration.FromNanoseconds(100)));
    }

    [Fact]
    public void Hours_round_half_away_from_zero_at_an_exact_005()
    {
        // 1.745 h = 6282 s exactly; 0.125 h = 450 s exactly.
        Assert.Equal(1.75m, ReportCsv.Hours(Duration.FromSeconds(6282)));
        Assert.Equal(0.13m, ReportCsv.Hours(Duration.FromSeconds(450)));
    }

    [Fact]
    public void Large_values_have_no_thousands_separator()
    {
        var totals = new UptimeTotals(default, default, Duration.FromHours(1234), default, default, default);

        Assert.Equal("s,0.00,0.00,1234.00,0.00,0.00,0.00\n", Row("s", totals));
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("plain-id_42", "plain-id_42")]
    public void Store_ids_are_quoted_per_RFC_4180_where_needed(string storeId, string field)
    {
        Assert.Equal(field + ",0.00,0.00,0.00,0.00,0.00,0.00\n", Row(storeId));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+42", "'+42")]
    [InlineData("-42", "'-42")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    public void Store_ids_that_a_spreadsheet_would_run_get_an_apostrophe(string storeId, string field)
    {
        Assert.Equal(field + ",0.00,0.00,0.00,0.00,0.00,0.00\n", Row(storeId));
    }
}

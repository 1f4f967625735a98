using System.Text;
using StoreMonitor.Ingestion;
using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Ingestion.Runs;

namespace StoreMonitor.Tests.Ingestion.Runs;

/// <summary>
/// A run's rejects file is stored in its grain and sent in one grain call: however broken the input (100,000 rejected
/// rows of a mebibyte each), it stays bounded in bytes, keeps enough of each row to see what is wrong, and says how
/// many rows it leaves out.
/// </summary>
public sealed class RejectsCsvTests
{
    [Fact]
    public void A_rejected_row_keeps_only_its_beginning_as_evidence()
    {
        var tally = new FileTally(InputFileKind.StoreStatus, "/data/store_status.csv");

        tally.Reject(new RowRejection("/data/store_status.csv", 2, "status 'x' is neither 'active' nor 'inactive'", new string('x', 1 << 20)));

        var kept = Assert.Single(tally.Rejections).Raw!;
        Assert.Equal(FileTally.RawCharsKept + 1, kept.Length);
        Assert.EndsWith("…", kept, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rejects_file_stays_under_its_limit_and_counts_the_rows_it_leaves_out()
    {
        var polls = new FileTally(InputFileKind.StoreStatus, "/data/store_status.csv");
        var hours = new FileTally(InputFileKind.BusinessHours, "/data/menu_hours.csv");
        for (var line = 2; line < 40_002; line++)
        {
            polls.Reject(new RowRejection(polls.File, line, "timestamp_utc 'never' is not a valid UTC timestamp", new string('p', 4096)));
        }

        hours.Reject(new RowRejection(hours.File, 2, "dayOfWeek '9' is not 0 (Monday) to 6 (Sunday)", "a,9,09:00,17:00"));

        var csv = RejectsCsv.Build([polls, hours]);
        var lines = Encoding.UTF8.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(csv.Length <= RejectsCsv.MaxBytes, $"the rejects file is {csv.Length:N0} bytes");
        Assert.Equal(RejectsCsv.Header, lines[0]);
        var listed = lines.Count(line => line.StartsWith("store_status.csv,", StringComparison.Ordinal) && !line.StartsWith("store_status.csv,,", StringComparison.Ordinal));
        Assert.InRange(listed, 1000, 40_000 - 1);
        // The count has a thousands separator, so its field is quoted.
        Assert.Contains($"store_status.csv,,\"{40_000 - listed:N0} more rejected rows are not listed\",", lines);
        Assert.Contains("menu_hours.csv,,1 more rejected rows are not listed,", lines);
    }
}

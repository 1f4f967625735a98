using System.Globalization;
using NodaTime.Text;

namespace StoreMonitor.Bench.Host;

/// <summary>
/// <c>append-hour</c>: the hourly refresh of a dataset, for the scripts that drive a running service (the cluster's
/// scale run): appends the last hour of <c>store_status.csv</c> again, an hour later (see <see cref="LastHourOfPolls"/>).
/// </summary>
internal static class AppendHourCommand
{
    private const string Usage = """
        usage: append-hour --data DIR
          appends the polls of the last hour of DIR/store_status.csv again, one hour later, and prints the new latest poll
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["--data", var directory])
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var file = Path.Combine(directory, "store_status.csv");
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"append-hour: there is no {file}");
            return 2;
        }

        var lastHour = LastHourOfPolls.Read(file);
        await lastHour.AppendAsync(file, hoursLater: 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"appended {lastHour.Rows:N0} polls to {file}; latest poll now {InstantPattern.ExtendedIso.Format(lastHour.LatestPoll + NodaTime.Duration.FromHours(1))}"));
        return 0;
    }
}

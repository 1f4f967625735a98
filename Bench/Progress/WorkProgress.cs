using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace StoreMonitor.Bench.Progress;

/// <summary>
/// Progress of one long step: a Spectre.Console bar when the output is a terminal, and when it is redirected
/// (a log, a file, CI) plain lines, at most one every few seconds, so short steps print nothing extra.
/// </summary>
internal static class WorkProgress
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>True when <paramref name="output"/> is the console and the console is a terminal.</summary>
    public static bool ShowsBars(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/>, which reports how much of <paramref name="total"/> (null: unknown) is done.</summary>
    public static T Run<T>(TextWriter output, string step, double? total, string unit, Func<Action<double>, T> work) =>
        RunAsync(output, step, total, unit, report => Task.FromResult(work(report))).GetAwaiter().GetResult();

    public static async Task<T> RunAsync<T>(TextWriter output, string step, double? total, string unit, Func<Action<double>, Task<T>> work)
    {
        if (!ShowsBars(output))
        {
            var plain = new PlainLines(output, step, total, unit);
            return await work(plain.Report);
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(step), maxValue: total is > 0 ? total.Value : 1);
                task.IsIndeterminate = total is not > 0;
                var result = await work(done => task.Value = Math.Min(done, task.MaxValue));
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>Progress as a line now and then: "report, warm: 7,000 / 14,000 stores (50%)".</summary>
    private sealed class PlainLines(TextWriter output, string step, double? total, string unit)
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

        public void Report(double done)
        {
            if (_sinceLast.Elapsed < PlainInterval)
            {
                return;
            }

            _sinceLast.Restart();
            var c = CultureInfo.InvariantCulture;
            output.WriteLine(total is > 0
                ? string.Create(c, $"  {step}: {done:N0} / {total:N0} {unit} ({done / total.Value:P0})")
                : string.Create(c, $"  {step}: {done:N0} {unit}"));
        }
    }
}

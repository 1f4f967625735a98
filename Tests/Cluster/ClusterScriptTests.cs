using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StoreMonitor.Bench.Service;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Postgres;

namespace StoreMonitor.Tests.Cluster;

/// <summary>
/// <c>scripts/cluster.sh</c> end to end: real processes (PostgreSQL, three silos, the API) on loopback, a report
/// over HTTP, a silo killed with <c>kill -9</c> while a report runs, and <c>down</c> leaving nothing behind.
/// Slow (minutes): it starts five processes on a shared machine.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class ClusterScriptTests
{
    private static readonly TimeSpan ReportDeadline = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task Up_serves_reports_survives_a_killed_silo_and_down_leaves_no_process()
    {
        PostgresInstallation.RequireOrSkip(PostgresInstallation.FindBinDirectory() is null ? "no initdb under /usr/lib/postgresql/*/bin" : null);
        using var data = new TempDirectory();
        using var state = new TempDirectory();
        TestDataset.Write(data.Path, stores: 2000, seed: 81);
        var expected = Encoding.UTF8.GetString(EngineReference.Compute(data.Path));
        var script = new ClusterScript(state.Path, data.Path);
        var started = new List<int>();
        try
        {
            var (upExit, upOutput) = await script.RunAsync("up", "--silos", "3", "--no-build");
            Assert.True(upExit == 0, upOutput);
            var processes = ClusterScript.Processes(upOutput);
            started.AddRange(processes.Select(process => process.Pid));
            Assert.Equal(["postgres", "silo", "silo", "silo", "api"], processes.Select(process => process.Kind));
            Assert.All(processes, process => Assert.True(process.Alive, upOutput));
            using var http = new HttpClient { BaseAddress = ClusterScript.ApiUrl(upOutput), Timeout = TimeSpan.FromSeconds(30) };

            await WaitForIngestionAsync(http);
            Assert.Equal(expected, await RunReportAsync(http));
            await AssertEachSiloServesItsMetricsAsync(upOutput);

            // A report waits while an ingestion runs: re-read every file whole (unchanged files alone start no work), start a report, and kill -9 the silo it started on.
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/ingestion?full=true", null)).StatusCode);
            var reportId = await TriggerAsync(http);
            var host = await SiloThatStartedAsync(script, processes, reportId);
            Assert.Contains("\"Running\"", await http.GetStringAsync($"/get_report?report_id={reportId}"));
            Process.GetProcessById(host.Pid).Kill();
            Assert.Equal(expected, await WaitForCsvAsync(http, reportId));

            var (_, statusOutput) = await script.RunAsync("status");
            Assert.Contains(ClusterScript.Processes(statusOutput), process => process.Pid == host.Pid && !process.Alive);
            Assert.Equal(4, ClusterScript.Processes(statusOutput).Count(process => process.Alive));
        }
        finally
        {
            var (downExit, downOutput) = await script.RunAsync("down");
            Assert.True(downExit == 0, downOutput);
        }

        Assert.All(started, pid => Assert.False(IsRunning(pid), $"pid {pid} is still running after down"));
    }

    /// <summary>
    /// In a cluster the store grains live in the silos, so their metrics do too: each silo serves its own, and
    /// together they count every store the report activated.
    /// </summary>
    private static async Task AssertEachSiloServesItsMetricsAsync(string upOutput)
    {
        var urls = ClusterScript.SiloMetricsUrls(upOutput);
        Assert.Equal(3, urls.Count);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var activeStoreGrains = 0L;
        foreach (var url in urls)
        {
            var text = await http.GetStringAsync(url);
            var line = System.Text.RegularExpressions.Regex.Match(text, @"^storemonitor_store_grains_active(\{[^}]*\})?\s+(?<value>\d+)", System.Text.RegularExpressions.RegexOptions.Multiline);
            Assert.True(line.Success, $"{url} has no storemonitor_store_grains_active:\n{text}");
            activeStoreGrains += long.Parse(line.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.True(activeStoreGrains >= 1900, $"the silos count {activeStoreGrains} active store grains after a report over 2,000 stores");
    }

    private static async Task WaitForIngestionAsync(HttpClient http)
    {
        var deadline = DateTimeOffset.UtcNow + ReportDeadline;
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync("/ingestion"));
            if (status.RootElement.GetProperty("state").GetString() == "Idle" && status.RootElement.GetProperty("last_run").ValueKind == JsonValueKind.Object)
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail("The API's start-up ingestion did not finish.");
    }

    private static async Task<string> TriggerAsync(HttpClient http)
    {
        var response = await http.PostAsync("/trigger_report", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report_id").GetString()!;
    }

    private static async Task<string> RunReportAsync(HttpClient http) => await WaitForCsvAsync(http, await TriggerAsync(http));

    /// <summary>Polls get_report until the CSV is served; errors while the cluster recovers are retried.</summary>
    private static async Task<string> WaitForCsvAsync(HttpClient http, string reportId)
    {
        var deadline = DateTimeOffset.UtcNow + ReportDeadline;
        var last = "";
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync($"/get_report?report_id={reportId}");
                last = await response.Content.ReadAsStringAsync();
                if (response.Headers.TryGetValues("X-Report-Status", out var values) && values.Single() == "Complete")
                {
                    return last;
                }

                Assert.DoesNotContain("\"Failed\"", last);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                last = error.Message;
            }

            await Task.Delay(1000);
        }

        Assert.Fail($"Report {reportId} did not complete: {last}");
        return "";
    }

    /// <summary>The silo whose log says it started the report (the report grain logs that when it begins).</summary>
    private static async Task<(string Kind, string Index, int Pid, bool Alive)> SiloThatStartedAsync(
        ClusterScript script, IReadOnlyList<(string Kind, string Index, int Pid, bool Alive)> processes, string reportId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            foreach (var silo in processes.Where(process => process.Kind == "silo"))
            {
                var log = Path.Combine(script.StateDirectory, "logs", $"silo-{silo.Index}.log");
                if ((await ReadSharedAsync(log)).Contains($"Report {reportId} started", StringComparison.Ordinal))
                {
                    return silo;
                }
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"No silo log mentions report {reportId}.");
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static bool IsRunning(int pid)
    {
        var status = $"/proc/{pid}/status";
        // A zombie has exited and only waits for its parent to collect it.
        return File.Exists(status) && !File.ReadAllText(status).Contains("State:\tZ", StringComparison.Ordinal);
    }
}

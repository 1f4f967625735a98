using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace StoreMonitor.Bench.Host;

/// <summary>
/// The calls a user makes to the API host, each waited on to its end by asking as a client would: every
/// <see cref="PollInterval"/>, until done or until a deadline. No API key: the host listens on loopback only.
/// </summary>
internal sealed class HostApi(Uri address) : IDisposable
{
    // Short against the figures measured (0.2 s and up), long enough that the asking costs the host little.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Waits until no run is in progress and the last completed run is later than <paramref name="afterRun"/>; throws if that run failed.</summary>
    public async Task<IngestionRunAnswer> WaitForRunAfterAsync(long afterRun, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await _http.GetFromJsonAsync<IngestionAnswer>("/ingestion", Json)
                ?? throw new InvalidOperationException("GET /ingestion answered nothing");
            if (answer is { State: IngestionAnswer.Idle, LastRun: { } run } && run.RunNumber > afterRun)
            {
                return run.Error is null ? run : throw new InvalidOperationException($"ingestion run {run.RunNumber} failed: {run.Error}");
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"no ingestion run after run {afterRun} finished within {deadline.TotalSeconds:N0} s (state {answer.State})");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary><c>POST /ingestion</c>: starts a run over what is new in the data directory.</summary>
    public async Task StartIngestionAsync()
    {
        using var response = await _http.PostAsync("/ingestion", content: null);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /ingestion answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Waits until <c>GET /health/ready</c> answers 200: the silo and storage answer, and an ingestion has finished.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await _http.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"GET /health/ready still answered {(int)response.StatusCode} after {deadline.TotalSeconds:N0} s: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>A report as of <paramref name="asOf"/>: triggered, asked for until complete, and its CSV downloaded.</summary>
    public async Task<ReportDownload> ReportAsync(Instant asOf, TimeSpan deadline)
    {
        var total = Stopwatch.StartNew();
        using var trigger = await _http.PostAsync($"/trigger_report?as_of={Uri.EscapeDataString(InstantPattern.ExtendedIso.Format(asOf))}", content: null);
        if (trigger.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /trigger_report answered {(int)trigger.StatusCode}: {await trigger.Content.ReadAsStringAsync()}");
        }

        var reportId = (await trigger.Content.ReadFromJsonAsync<ReportTriggered>(Json))?.ReportId
            ?? throw new InvalidOperationException("POST /trigger_report answered no report_id");
        var triggered = total.Elapsed;
        while (true)
        {
            var asked = total.Elapsed;
            using var response = await _http.GetAsync($"/get_report?report_id={reportId}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET /get_report answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            if (response.Headers.TryGetValues("X-Report-Status", out var status) && status.Contains("Complete"))
            {
                var csv = await response.Content.ReadAsByteArrayAsync();
                total.Stop();
                return new ReportDownload(asOf, csv, total.Elapsed, triggered, total.Elapsed - asked);
            }

            var progress = await response.Content.ReadFromJsonAsync<ReportProgress>(Json);
            if (progress?.Status == "Failed")
            {
                throw new InvalidOperationException($"report {reportId} failed: {progress.Error}");
            }

            if (total.Elapsed > deadline)
            {
                throw new TimeoutException($"report {reportId} was not complete within {deadline.TotalSeconds:N0} s (status {progress?.Status})");
            }

            await Task.Delay(PollInterval);
        }
    }

    public void Dispose() => _http.Dispose();
}

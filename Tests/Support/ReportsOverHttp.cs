using System.Text.Json;

namespace StoreMonitor.Tests.Support;

/// <summary>Reports as a client of the HTTP API asks for them: trigger one, then poll until its CSV is served.</summary>
public static class ReportsOverHttp
{
    public static async Task<string> TriggerAsync(HttpClient client)
    {
        var response = await client.PostAsync("/trigger_report", null);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;
    }

    /// <summary>Triggers a report with a JSON body (as_of and options, docs/REPORTS.md).</summary>
    public static async Task<string> TriggerAsync(HttpClient client, string jsonBody)
    {
        var response = await client.PostAsync("/trigger_report", new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"trigger_report {jsonBody}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;
    }

    /// <summary>The report's CSV once complete; fails when it fails, or is still running after <paramref name="timeout"/>.</summary>
    public static async Task<string> CsvAsync(HttpClient client, string reportId, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var response = await client.GetAsync($"/get_report?report_id={reportId}");
            var body = await response.Content.ReadAsStringAsync();
            if (response.Content.Headers.ContentType?.MediaType == "text/csv")
            {
                return body;
            }

            var status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();
            Assert.True(status == "Running" && DateTimeOffset.UtcNow < deadline, $"report {reportId}: {body}");
            await Task.Delay(100);
        }
    }
}

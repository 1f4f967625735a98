using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;

namespace StoreMonitor.Bench.Live;

/// <summary>A round through <c>POST /polls</c>: a request per batch, one after another, as one poller sends them.</summary>
internal sealed class HttpRoundPusher(HttpClient http, int batch) : IRoundPusher
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"POST /polls in batches of {batch:N0}");

    public async Task<string?> PushAsync(IReadOnlyList<IReadOnlyList<LiveDataset.PushedPoll>> batches, Instant at, IDictionary<string, long>? sentAt)
    {
        foreach (var polls in batches)
        {
            var body = LiveDataset.Body(polls, at);
            var sent = Stopwatch.GetTimestamp();
            if (sentAt is not null)
            {
                foreach (var poll in polls)
                {
                    sentAt[poll.StoreId] = sent;
                }
            }

            await PushAsync(http, body);
        }

        return null;
    }

    public static async Task PushAsync(HttpClient http, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/polls", content);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /polls answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}

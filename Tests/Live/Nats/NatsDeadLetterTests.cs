using System.Net;
using System.Text;
using System.Text.Json;
using StoreMonitor.Ingestion.Nats;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Nats;

namespace StoreMonitor.Tests.Live.Nats;

/// <summary>
/// Messages that are no poll go to the dead-letter subject with the reason <c>POST /polls</c> gives for the same body,
/// the original message and where it came from, and never hold up the valid messages published after them.
/// </summary>
[Trait("Category", TestCategories.Slow)]
[Collection(NatsConsumerCollection.Name)]
public sealed class NatsDeadLetterTests
{
    private const string Good = """{"store_id": "dl-good-1", "timestamp_utc": "2023-01-22T13:00:00Z", "status": "active"}""";
    private const string NotJson = "store dl-x is up";
    private const string BadStatus = """{"store_id": "dl-bad", "timestamp_utc": "2023-01-22T13:00:00Z", "status": "maybe"}""";
    private const string Mixed = """[{"store_id": "dl-good-2", "timestamp_utc": "2023-01-22 13:05:00 UTC", "status": "inactive"}, {"store_id": "dl-bad", "timestamp_utc": "not a time", "status": "active"}]""";
    private const string GoodNdjson = """{"store_id": "dl-good-3", "timestamp_utc": "2023-01-22T13:10:00Z", "status": "active"}""";

    [SkippableFact]
    public async Task A_bad_message_lands_on_the_dead_letter_subject_with_its_reason_and_the_good_ones_after_it_still_arrive()
    {
        NatsInstallation.RequireOrSkip();
        await using var nats = await NatsServerProcess.StartAsync(ApiHost.FreePort);
        using var data = new TempDirectory();
        using var databases = new TempDirectory();
        TestDataset.Write(data.Path, stores: 3, seed: 5);
        await using var host = await ApiHost.StartAsync(data.Path, databases.File("dead-letters.db"), NatsHostSettings.For(nats.Url));
        await host.WaitForIngestionAsync();
        // The host makes both streams itself (CreateStreams is on by default).
        await Waits.UntilAsync(async () => (await NatsCheckAsync(host)).GetProperty("description").GetString()!.StartsWith("Consuming", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the consumer consuming");
        await using var publisher = await NatsTestClient.ConnectAsync(nats.Url);

        var goodSequence = await publisher.PublishAsync(NatsHostSettings.Subject, Good);
        var notJsonSequence = await publisher.PublishAsync(NatsHostSettings.Subject, NotJson);
        var badStatusSequence = await publisher.PublishAsync(NatsHostSettings.Subject, BadStatus);
        var mixedSequence = await publisher.PublishAsync(NatsHostSettings.Subject, Mixed);
        var xmlSequence = await publisher.PublishAsync(NatsHostSettings.Subject, "<poll/>", "application/xml");
        await publisher.PublishAsync(NatsHostSettings.Subject, GoodNdjson + "\n", "application/x-ndjson");
        await publisher.WaitUntilDrainedAsync(NatsHostSettings.Stream, NatsHostSettings.Consumer, TimeSpan.FromSeconds(60));
        // In the order of the originals: within a batch, messages without a valid poll are dead-lettered before the push,
        // messages with some after it.
        var letters = (await publisher.ReadAsync(NatsHostSettings.DeadLetterStream, 10))
            .OrderBy(letter => ulong.Parse(letter.Headers![DeadLetterPublisher.SequenceHeader].ToString(), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

        // The good messages before, between and after the bad ones are all stored.
        foreach (var store in new[] { "dl-good-1", "dl-good-2", "dl-good-3" })
        {
            var stored = JsonDocument.Parse(await host.Client.GetStringAsync($"/stores/{store}")).RootElement;
            Assert.Equal(1, stored.GetProperty("poll_count").GetInt32());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/stores/dl-bad")).StatusCode);
        Assert.Equal(4, letters.Count);
        var bodies = letters.Select(letter => JsonDocument.Parse(letter.Data!).RootElement).ToArray();
        Assert.Equal([notJsonSequence, badStatusSequence, mixedSequence, xmlSequence], bodies.Select(body => body.GetProperty("stream_sequence").GetUInt64()));
        Assert.DoesNotContain(goodSequence, bodies.Select(body => body.GetProperty("stream_sequence").GetUInt64()));

        // Each reason is the one POST /polls gives for the same body.
        var notJsonAnswer = await PostAsync(host, NotJson);
        Assert.Equal(notJsonAnswer.GetProperty("detail").GetString(), bodies[0].GetProperty("reason").GetString());
        Assert.Equal(NotJson, bodies[0].GetProperty("payload").GetString());
        Assert.Equal(0, bodies[0].GetProperty("polls_stored").GetInt32());

        var badStatusAnswer = await PostAsync(host, BadStatus);
        Assert.Equal(Strings(badStatusAnswer.GetProperty("first_rejections")), Strings(bodies[1].GetProperty("rejections")));
        Assert.Equal(badStatusAnswer.GetProperty("detail").GetString(), bodies[1].GetProperty("reason").GetString());
        Assert.Equal(["item 1: status 'maybe' is neither 'active' nor 'inactive'"], Strings(bodies[1].GetProperty("rejections")));

        var mixedAnswer = await PostAsync(host, Mixed);
        Assert.Equal(Strings(mixedAnswer.GetProperty("first_rejections")), Strings(bodies[2].GetProperty("rejections")));
        Assert.Equal(1, bodies[2].GetProperty("polls_stored").GetInt32());
        Assert.Equal(1, bodies[2].GetProperty("rejected").GetInt64());
        Assert.StartsWith("item 2: ", bodies[2].GetProperty("rejections")[0].GetString(), StringComparison.Ordinal);

        Assert.Contains("'application/xml'", bodies[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/xml", bodies[3].GetProperty("content_type").GetString());

        // Where each came from, in headers too, for subscribers that read no body.
        Assert.All(bodies, body => Assert.Equal(NatsHostSettings.Subject, body.GetProperty("subject").GetString()));
        Assert.Equal(bodies[0].GetProperty("reason").GetString(), letters[0].Headers![DeadLetterPublisher.ReasonHeader].ToString());
        Assert.Equal(notJsonSequence.ToString(System.Globalization.CultureInfo.InvariantCulture), letters[0].Headers![DeadLetterPublisher.SequenceHeader].ToString());

        var metrics = await host.Client.GetStringAsync("/metrics");
        Assert.Equal(4, NatsMetrics.Sum(metrics, "storemonitor_nats_messages_dead_lettered_total"));
        Assert.Equal(6, NatsMetrics.Sum(metrics, "storemonitor_nats_messages_consumed_total"));
        Assert.Equal(3, NatsMetrics.Sum(metrics, "storemonitor_polls_pushed_accepted_total", "source=\"nats\""));
        Assert.Equal(2, NatsMetrics.Sum(metrics, "storemonitor_polls_pushed_rejected_total", "source=\"nats\""));
    }

    private static async Task<JsonElement> NatsCheckAsync(ApiHost host) =>
        JsonDocument.Parse(await host.Client.GetStringAsync("/health/ready")).RootElement.GetProperty("checks").GetProperty("nats");

    private static async Task<JsonElement> PostAsync(ApiHost host, string body)
    {
        var response = await host.Client.PostAsync("/polls", new StringContent(body, Encoding.UTF8, "application/json"));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];
}

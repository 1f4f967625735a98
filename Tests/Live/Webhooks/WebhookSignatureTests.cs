using System.Text;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Webhooks;

namespace StoreMonitor.Tests.Live.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void The_signature_reproduces_the_Standard_Webhooks_reference_vector()
    {
        // The vector the Standard Webhooks reference libraries test against: a receiver's library must accept ours.
        var key = WebhookSecret.Key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        var signature = WebhookSignature.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("""{"test": 2432232314}"""));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Each_secret_is_new_and_holds_32_random_bytes()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => WebhookSecret.New()).ToArray();

        Assert.All(secrets, secret => Assert.StartsWith(WebhookSecret.Prefix, secret, StringComparison.Ordinal));
        Assert.All(secrets, secret => Assert.Equal(32, WebhookSecret.Key(secret).Length));
        Assert.Equal(secrets.Length, secrets.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_delivery_docs_WEBHOOKS_md_shows_is_the_one_the_sender_makes()
    {
        var storeEvent = WebhookCalls.Event(StoreEventKinds.Down, "1001");
        var body = WebhookPayload.Serialize(storeEvent);

        Assert.Equal(
            """{"type":"store.down","timestamp":"2023-01-24T12:00:00Z","data":{"event_id":"evt_down_16745616000000000_1001","store_id":"1001","at":"2023-01-24T12:00:00Z","opened_at":"2023-01-24T09:00:00Z","down_since":"2023-01-24T12:00:00Z","business_minutes_lost_today":0,"last_poll_at":"2023-01-24T12:00:00Z"}}""",
            Encoding.UTF8.GetString(body));
        Assert.Equal("evt_down_16745616000000000_1001", WebhookPayload.WebhookId(storeEvent));
        Assert.Equal(
            "v1,gGmQgSG+nZ4gKyGRxeCCVc7odVy6j9zjT4M2y8x9Alw=",
            WebhookSignature.Sign(WebhookSecret.Key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), WebhookPayload.WebhookId(storeEvent), 1674561602, body));
    }

    [Fact]
    public void An_event_id_that_is_not_ASCII_is_sent_percent_encoded()
    {
        var storeEvent = WebhookCalls.Event(StoreEventKinds.Up, "café");

        Assert.Equal("evt_up_16745616000000000_caf%C3%A9", WebhookPayload.WebhookId(storeEvent));
    }
}

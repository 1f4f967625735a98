using System.Text;
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
}

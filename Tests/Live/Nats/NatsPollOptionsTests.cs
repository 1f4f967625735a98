using Microsoft.Extensions.Configuration;
using StoreMonitor.Ingestion.Nats;

namespace StoreMonitor.Tests.Live.Nats;

/// <summary>The consumer's settings: off unless a URL is given, and every unusable one refused at start, naming its key.</summary>
public sealed class NatsPollOptionsTests
{
    [Fact]
    public void Without_a_url_the_consumer_is_off_and_nothing_else_is_checked()
    {
        var options = Bind(("Subject", "polls.>"), ("DeadLetterSubject", "polls.dead"), ("BatchSize", "0"));

        Assert.False(options.Enabled);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void The_defaults_with_a_url_are_usable()
    {
        var options = Bind(("Url", "nats://127.0.0.1:4222"));

        Assert.True(options.Enabled);
        Assert.Empty(options.Problems());
        Assert.Equal(("POLLS", "polls", "store-monitor", "dead-letter.polls", "POLLS_DEAD_LETTERS"),
            (options.Stream, options.Subject, options.Consumer, options.DeadLetterSubject, options.DeadLetterStream));
    }

    [Theory]
    [InlineData("polls.>", "polls.dead")]
    [InlineData("polls.*", "polls.dead")]
    [InlineData("*.polls", "dead.polls")]
    [InlineData(">", "dead-letter.polls")]
    [InlineData("polls", "polls")]
    public void A_dead_letter_subject_the_consumer_would_read_again_is_refused(string subject, string deadLetterSubject)
    {
        var problems = Bind(("Url", "nats://127.0.0.1:4222"), ("Subject", subject), ("DeadLetterSubject", deadLetterSubject)).Problems();

        Assert.Contains(problems, problem => problem.StartsWith($"StoreMonitor:Live:Nats:DeadLetterSubject '{deadLetterSubject}' is matched by", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("polls.>", "polls")]
    [InlineData("polls.*", "polls.a.b")]
    [InlineData("polls", "polls.dead")]
    public void A_dead_letter_subject_outside_the_consumed_subject_is_usable(string subject, string deadLetterSubject) =>
        Assert.Empty(Bind(("Url", "nats://127.0.0.1:4222"), ("Subject", subject), ("DeadLetterSubject", deadLetterSubject)).Problems());

    [Fact]
    public void Every_unusable_setting_is_named_at_once()
    {
        var problems = Bind(
            ("Url", "nats://127.0.0.1:4222"),
            ("Stream", "my.polls"),
            ("DeadLetterStream", "my.polls"),
            ("Consumer", "a b"),
            ("Subject", "polls.>.x"),
            ("DeadLetterSubject", "dead.*"),
            ("BatchSize", "0"),
            ("BatchWait", "00:00:05"),
            ("AckWait", "00:00:00.500"),
            ("RetryDelay", "-00:00:01")).Problems();

        foreach (var key in new[] { "Stream", "DeadLetterStream", "Consumer", "Subject", "DeadLetterSubject", "BatchSize", "BatchWait", "AckWait", "RetryDelay" })
        {
            Assert.Contains(problems, problem => problem.StartsWith($"StoreMonitor:Live:Nats:{key} must", StringComparison.Ordinal));
        }
    }

    private static NatsPollOptions Bind(params (string Key, string Value)[] settings) =>
        NatsPollOptions.Bind(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create<string, string?>($"{NatsPollOptions.SectionName}:{setting.Key}", setting.Value)))
            .Build());
}

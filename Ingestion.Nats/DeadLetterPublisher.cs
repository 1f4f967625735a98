using System.Globalization;
using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>
/// Publishes a message that is (partly) no poll to the dead-letter subject, through JetStream: the publish returns only
/// once the dead-letter stream stored it, so the original is terminated only after its dead letter is safe. The dead
/// letter's message id is the original's stream and sequence, so a message dead-lettered twice (its terminate lost
/// with a crashed host) is stored once within the stream's duplicate window.
/// </summary>
internal sealed class DeadLetterPublisher(INatsJSContext jetStream, NatsPollOptions options)
{
    public const string ReasonHeader = "StoreMonitor-Reason";
    public const string SubjectHeader = "StoreMonitor-Subject";
    public const string SequenceHeader = "StoreMonitor-Stream-Sequence";

    // A header value must fit one line; the whole reason is in the body.
    private const int HeaderReasonLength = 512;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task PublishAsync(INatsJSMsg<byte[]> message, PollMessageReading reading, CancellationToken cancellationToken)
    {
        var sequence = message.Metadata?.Sequence.Stream ?? 0;
        var letter = new DeadLetter(
            reading.Reason,
            reading.Rejected,
            reading.Rejections,
            reading.Polls.Count,
            message.Subject,
            options.Stream,
            sequence,
            message.Metadata?.NumDelivered ?? 1,
            ContentTypeOf(message),
            Text(message.Data) is { } text ? text : null,
            Text(message.Data) is null ? Convert.ToBase64String(message.Data ?? []) : null);
        var headers = new NatsHeaders
        {
            [ReasonHeader] = OneLine(reading.Reason),
            [SubjectHeader] = message.Subject,
            [SequenceHeader] = sequence.ToString(CultureInfo.InvariantCulture),
        };
        var acknowledgement = await jetStream.PublishAsync(
            options.DeadLetterSubject,
            JsonSerializer.SerializeToUtf8Bytes(letter, Json),
            headers: headers,
            opts: new NatsJSPubOpts { MsgId = $"{options.Stream}.{sequence.ToString(CultureInfo.InvariantCulture)}" },
            cancellationToken: cancellationToken);
        acknowledgement.EnsureSuccess();
    }

    public static string? ContentTypeOf(INatsJSMsg<byte[]> message) =>
        message.Headers is { } headers && headers.TryGetValue("Content-Type", out var value) ? value.ToString() : null;

    private static string? Text(byte[]? data)
    {
        try
        {
            return StrictUtf8.GetString(data ?? []);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string OneLine(string reason)
    {
        var line = new string([.. reason.Select(c => char.IsControl(c) ? ' ' : c)]);
        return line.Length <= HeaderReasonLength ? line : line[..HeaderReasonLength] + "…";
    }
}

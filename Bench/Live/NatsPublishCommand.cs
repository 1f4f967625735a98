using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace StoreMonitor.Bench.Live;

/// <summary>
/// <c>nats-publish</c>: publishes polls to the NATS subject the API host consumes, for a user without the <c>nats</c>
/// command-line client (Debian does not package it). Each argument, or each line of standard input with <c>-</c>, is
/// one message, published through JetStream: the command returns once the stream stored it, or says why not.
/// </summary>
internal static class NatsPublishCommand
{
    private const string Usage = """
        usage: nats-publish [--url nats://127.0.0.1:4222] [--subject polls] [--content-type TYPE] MESSAGE... | -
          MESSAGE          one message, e.g. '{"store_id": "1", "timestamp_utc": "2023-01-25T20:00:00Z", "status": "inactive"}'
          -                each line of standard input is one message
          --content-type   the message's Content-Type header (application/x-ndjson, text/csv); none means JSON
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = "nats://127.0.0.1:4222";
        var subject = "polls";
        string? contentType = null;
        var messages = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Length:
                    url = args[++i];
                    break;
                case "--subject" when i + 1 < args.Length:
                    subject = args[++i];
                    break;
                case "--content-type" when i + 1 < args.Length:
                    contentType = args[++i];
                    break;
                case "-":
                    while (Console.In.ReadLine() is { } line)
                    {
                        if (line.Length > 0)
                        {
                            messages.Add(line);
                        }
                    }

                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    Console.Error.WriteLine($"nats-publish: unknown option or missing value: {option}");
                    Console.Error.WriteLine(Usage);
                    return 2;
                default:
                    messages.Add(args[i]);
                    break;
            }
        }

        if (messages.Count == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        await using var connection = new NatsConnection(new NatsOpts { Url = url, Name = "store-monitor-nats-publish" });
        var jetStream = new NatsJSContext(connection);
        var headers = contentType is null ? null : new NatsHeaders { ["Content-Type"] = contentType };
        foreach (var message in messages)
        {
            try
            {
                var stored = await jetStream.PublishAsync(subject, Encoding.UTF8.GetBytes(message), headers: headers);
                stored.EnsureSuccess();
                Console.WriteLine($"published to {subject}: stream {stored.Stream}, sequence {stored.Seq}");
            }
            catch (Exception error) when (error is NatsException or NatsJSException)
            {
                Console.Error.WriteLine($"nats-publish: {url} did not store the message on '{subject}': {error.Message} "
                    + "(does a stream take the subject? The API host creates it when it starts with StoreMonitor:Live:Nats:Url.)");
                return 1;
            }
        }

        return 0;
    }
}

using System.Text.Json;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Push;

/// <summary>
/// Reads a pushed body of polls (<see cref="PollBatchFormat"/>) with the rules of <c>store_status.csv</c>, item by item:
/// CSV through the file reader itself, JSON items through the same value rules (<see cref="PollFields"/>). A body that
/// cannot be read as a whole throws <see cref="PollBatchException"/>, and then none of it is kept: a push is answered at
/// once, so the sender can fix and send it again.
/// </summary>
public static class PollBatchReader
{
    public static PollBatch Read(ReadOnlyMemory<byte> body, PollBatchFormat format)
    {
        var batch = new PollBatch();
        var ids = new Utf8StringPool();
        switch (format)
        {
            case PollBatchFormat.Csv:
                ReadCsv(body, batch, ids);
                break;
            case PollBatchFormat.Ndjson:
                ReadNdjson(WithoutByteOrderMark(body), batch, ids);
                break;
            default:
                ReadJson(WithoutByteOrderMark(body), batch, ids);
                break;
        }

        return batch;
    }

    private static void ReadCsv(ReadOnlyMemory<byte> body, PollBatch batch, Utf8StringPool ids)
    {
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            StoreStatusCsv.Read(stream, "POST /polls", new CsvSink(batch), ids);
        }
        catch (CsvFileException error)
        {
            throw new PollBatchException($"line {error.Line}: {error.Reason}");
        }
    }

    private static void ReadJson(ReadOnlyMemory<byte> body, PollBatch batch, Utf8StringPool ids)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException error)
        {
            throw new PollBatchException($"The body is not valid JSON: {Where(error)}.");
        }

        using (document)
        {
            switch (document.RootElement.ValueKind)
            {
                case JsonValueKind.Array:
                    var item = 0;
                    foreach (var element in document.RootElement.EnumerateArray())
                    {
                        ReadItem(element, $"item {++item}", batch, ids);
                    }

                    break;
                case JsonValueKind.Object:
                    // One poll pushed on its own.
                    ReadItem(document.RootElement, "item 1", batch, ids);
                    break;
                default:
                    throw new PollBatchException("The body must be a JSON array of poll objects (or one poll object).");
            }
        }
    }

    private static void ReadNdjson(ReadOnlyMemory<byte> body, PollBatch batch, Utf8StringPool ids)
    {
        var rest = body;
        for (var line = 1; !rest.IsEmpty; line++)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var text = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (text.Span.Trim(" \t\r"u8).IsEmpty)
            {
                // Blank lines are not items, as in a CSV file; they still count for the line numbers.
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                ReadItem(document.RootElement, $"line {line}", batch, ids);
            }
            catch (JsonException error)
            {
                batch.Reject($"line {line}", $"not valid JSON: {Where(error)}");
            }
        }
    }

    private static void ReadItem(JsonElement element, string position, PollBatch batch, Utf8StringPool ids)
    {
        if (JsonPollFields.Read(element, out var problem) is not { } fields)
        {
            batch.Reject(position, problem!);
            return;
        }

        var at = JsonPollFields.Positions;
        if (PollFields.Problem(fields[at.StoreId], fields[at.Status], fields[at.Timestamp], fields, at, out var unixTicks, out var status) is { } reason)
        {
            batch.Reject(position, reason);
            return;
        }

        batch.Accept(new PollRow(ids.Get(fields[at.StoreId]), unixTicks, status));
    }

    private static string Where(JsonException error) =>
        error.LineNumber is { } line ? $"line {line + 1}, byte {error.BytePositionInLine + 1}" : "it cannot be parsed";

    private static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;

    private sealed class CsvSink(PollBatch batch) : IRowSink<PollRow>
    {
        public void Accept(in PollRow row) => batch.Accept(row);

        public void Reject(RowRejection rejection) => batch.Reject($"line {rejection.Line}", rejection.Reason);
    }
}

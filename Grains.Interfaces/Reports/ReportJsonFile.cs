using System.Buffers;
using System.Text.Json;
using StoreMonitor.Engine;

namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// Writes a complete report's rows as JSON (one document: the report's id, time and columns, then <c>rows</c>) or as
/// NDJSON (one row object per line), streamed from its stored pieces like the CSV (<see cref="ReportRows"/>). Each row
/// object has the CSV's column names as keys, <c>store_id</c> as a string and every figure as the number the CSV
/// writes (<c>60.00</c>), or null for a share without business time: a row is its CSV line, value for value.
/// </summary>
public static class ReportJsonFile
{
    private const int FlushBytes = 64 * 1024;

    /// <param name="head">The document's fields before <c>rows</c> (id, time, …); not used for NDJSON.</param>
    public static async Task CopyToAsync(
        IGrainFactory grains, ReportContent content, bool ndjson, IReadOnlyList<KeyValuePair<string, string?>> head, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(destination);
        var columns = (content.Header ?? ReportCsv.Header).Split(',');
        var names = columns.Select(column => JsonEncodedText.Encode(column)).ToArray();
        var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
        using var writer = new Utf8JsonWriter(buffer);
        if (!ndjson)
        {
            writer.WriteStartObject();
            foreach (var (name, value) in head)
            {
                writer.WriteString(name, value);
            }

            writer.WriteStartArray("columns");
            foreach (var column in columns)
            {
                writer.WriteStringValue(column);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("rows");
        }

        var rows = await ReportRows.OpenAsync(grains, content);
        while (await rows.MoveNextAsync())
        {
            WriteRow(writer, names, rows.Row.Span);
            if (ndjson)
            {
                // Each line is a document of its own: the writer starts afresh after it.
                writer.Flush();
                buffer.Write("\n"u8);
                writer.Reset(buffer);
            }

            if (writer.BytesPending + buffer.WrittenCount >= FlushBytes)
            {
                writer.Flush();
                await destination.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        if (!ndjson)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.Flush();
        await destination.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    private static void WriteRow(Utf8JsonWriter writer, JsonEncodedText[] names, ReadOnlySpan<byte> row)
    {
        var (storeId, valuesStart) = ReportRowFields.StoreId(row);
        writer.WriteStartObject();
        writer.WriteString(names[0], storeId);
        ReportRowFields.Values(row, valuesStart, (index, value) =>
        {
            writer.WritePropertyName(names[index + 1]);
            if (value.IsEmpty)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(value);
            }
        });
        writer.WriteEndObject();
    }
}

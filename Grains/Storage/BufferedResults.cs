using System.Collections;
using System.Data.Common;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// The rows a statement returned, read to the end while its connection was at hand, so the caller can read them
/// later on another thread: result set by result set, columns named as the statement named them.
/// </summary>
public sealed class BufferedResults
{
    private readonly List<ResultSet> _resultSets;

    private BufferedResults(List<ResultSet> resultSets, int recordsAffected)
    {
        _resultSets = resultSets;
        RecordsAffected = recordsAffected;
    }

    public int RecordsAffected { get; }

    /// <summary>Reads every row of every result set of <paramref name="reader"/>.</summary>
    public static BufferedResults ReadAll(DbDataReader reader)
    {
        var resultSets = new List<ResultSet>(2);
        do
        {
            var columns = new string[reader.FieldCount];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = reader.GetName(i);
            }

            var rows = new List<object[]>(1);
            while (reader.Read())
            {
                var row = new object[columns.Length];
                reader.GetValues(row);
                rows.Add(row);
            }

            resultSets.Add(new ResultSet(columns, rows));
        }
        while (reader.NextResult());

        return new BufferedResults(resultSets, reader.RecordsAffected);
    }

    /// <summary>A reader over the buffered rows, as the statement's own reader gave them.</summary>
    public DbDataReader CreateReader() => new Reader(this);

    private sealed record ResultSet(string[] Columns, List<object[]> Rows);

    /// <summary>A forward-only reader over the buffer; values come back as the statement returned them.</summary>
    private sealed class Reader(BufferedResults results) : DbDataReader
    {
        private int _set;
        private int _row = -1;
        private bool _closed;

        private ResultSet Current => _set < results._resultSets.Count
            ? results._resultSets[_set]
            : throw new InvalidOperationException("There are no more result sets.");

        private object[] Row => _row >= 0 && _row < Current.Rows.Count
            ? Current.Rows[_row]
            : throw new InvalidOperationException("The reader is not on a row.");

        public override int FieldCount => Current.Columns.Length;

        public override object this[int ordinal] => GetValue(ordinal);

        public override object this[string name] => GetValue(GetOrdinal(name));

        public override int RecordsAffected => results.RecordsAffected;

        public override bool HasRows => Current.Rows.Count > 0;

        public override bool IsClosed => _closed;

        public override int Depth => 0;

        public override bool Read() => ++_row < Current.Rows.Count;

        public override bool NextResult()
        {
            _row = -1;
            return ++_set < results._resultSets.Count;
        }

        public override void Close() => _closed = true;

        public override string GetName(int ordinal) => Current.Columns[ordinal];

        public override int GetOrdinal(string name)
        {
            var index = Array.FindIndex(Current.Columns, column => string.Equals(column, name, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? index : throw new IndexOutOfRangeException($"No column is named '{name}'.");
        }

        public override object GetValue(int ordinal) => Row[ordinal];

        public override int GetValues(object[] values)
        {
            var count = Math.Min(values.Length, FieldCount);
            Array.Copy(Row, values, count);
            return count;
        }

        public override bool IsDBNull(int ordinal) => Row[ordinal] is DBNull;

        public override Type GetFieldType(int ordinal) => Row[ordinal].GetType();

        public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

        public override bool GetBoolean(int ordinal) => Convert.ToBoolean(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture);

        public override byte GetByte(int ordinal) => Convert.ToByte(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture);

        public override char GetChar(int ordinal) => Convert.ToChar(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture);

        public override DateTime GetDateTime(int ordinal) => Convert.ToDateTime(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture);

        public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture);

        public override double GetDouble(int ordinal) => Convert.ToDouble(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture);

        public override float GetFloat(int ordinal) => Convert.ToSingle(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture);

        public override Guid GetGuid(int ordinal) => Row[ordinal] is Guid guid ? guid : Guid.Parse(GetString(ordinal));

        public override short GetInt16(int ordinal) => Convert.ToInt16(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture);

        public override int GetInt32(int ordinal) => Convert.ToInt32(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture);

        public override long GetInt64(int ordinal) => Convert.ToInt64(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture);

        public override string GetString(int ordinal) => Convert.ToString(Row[ordinal], System.Globalization.CultureInfo.InvariantCulture) ?? "";

        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
            CopyOut((byte[])Row[ordinal], dataOffset, buffer, bufferOffset, length);

        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
            CopyOut(GetString(ordinal).ToCharArray(), dataOffset, buffer, bufferOffset, length);

        public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

        private static long CopyOut<T>(T[] source, long dataOffset, T[]? buffer, int bufferOffset, int length)
        {
            if (buffer is null)
            {
                return source.Length;
            }

            var count = (int)Math.Max(0, Math.Min(length, source.Length - dataOffset));
            Array.Copy(source, dataOffset, buffer, bufferOffset, count);
            return count;
        }
    }
}

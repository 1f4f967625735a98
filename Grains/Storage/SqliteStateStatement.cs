using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// One of the provider's grain-state statements prepared on a connection's native handle, with a state's key (and, for
/// a write, its payload and expected version) bound in place by the parameter names the provider's SQL uses. Through
/// Microsoft.Data.Sqlite every run made a command's worth of parameter objects, their binders and UTF-8 copies of each
/// key text; on the silo's one writer and one reader thread that was most of a store's read or write.
/// </summary>
internal sealed class SqliteStateStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly int _grainIdHash;
    private readonly int _grainIdN0;
    private readonly int _grainIdN1;
    private readonly int _grainTypeHash;
    private readonly int _grainTypeString;
    private readonly int _grainIdExtensionString;
    private readonly int _serviceId;
    private readonly int _payloadBinary;
    private readonly int _grainStateVersion;

    private SqliteStateStatement(sqlite3 database, sqlite3_stmt handle)
    {
        _database = database;
        Handle = handle;
        // 0 for a parameter the statement does not name: binding it is skipped.
        _grainIdHash = raw.sqlite3_bind_parameter_index(handle, "@GrainIdHash");
        _grainIdN0 = raw.sqlite3_bind_parameter_index(handle, "@GrainIdN0");
        _grainIdN1 = raw.sqlite3_bind_parameter_index(handle, "@GrainIdN1");
        _grainTypeHash = raw.sqlite3_bind_parameter_index(handle, "@GrainTypeHash");
        _grainTypeString = raw.sqlite3_bind_parameter_index(handle, "@GrainTypeString");
        _grainIdExtensionString = raw.sqlite3_bind_parameter_index(handle, "@GrainIdExtensionString");
        _serviceId = raw.sqlite3_bind_parameter_index(handle, "@ServiceId");
        _payloadBinary = raw.sqlite3_bind_parameter_index(handle, "@PayloadBinary");
        _grainStateVersion = raw.sqlite3_bind_parameter_index(handle, "@GrainStateVersion");
    }

    private sqlite3_stmt Handle { get; }

    /// <summary>Prepares each statement of <paramref name="sql"/> on <paramref name="connection"/>, which must stay open.</summary>
    public static SqliteStateStatement[] PrepareAll(SqliteConnection connection, string sql)
    {
        var database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var statements = new List<SqliteStateStatement>();
        try
        {
            for (var rest = sql.Trim(); rest.Length > 0; rest = rest.Trim())
            {
                Check(database, raw.sqlite3_prepare_v2(database, rest, out var handle, out var tail));
                statements.Add(new SqliteStateStatement(database, handle));
                rest = tail ?? "";
            }
        }
        catch
        {
            statements.ForEach(statement => statement.Dispose());
            throw;
        }

        return [.. statements];
    }

    /// <summary>Binds the statement's parameters; <paramref name="payload"/> and <paramref name="expectedVersion"/> where it names them.</summary>
    public void Bind(StateKey key, byte[]? payload = null, int? expectedVersion = null)
    {
        BindInt64(_grainIdHash, key.GrainIdHash);
        BindInt64(_grainIdN0, key.GrainIdN0);
        BindInt64(_grainIdN1, key.GrainIdN1);
        BindInt64(_grainTypeHash, key.GrainTypeHash);
        BindText(_grainTypeString, key.GrainTypeString);
        BindText(_grainIdExtensionString, key.GrainIdExtensionString);
        BindText(_serviceId, key.ServiceId);
        if (_payloadBinary > 0)
        {
            // An empty span would reach SQLite as a null pointer, which it stores as NULL: a cleared state.
            _ = payload switch
            {
                null => raw.sqlite3_bind_null(Handle, _payloadBinary),
                [] => raw.sqlite3_bind_zeroblob(Handle, _payloadBinary, 0),
                _ => raw.sqlite3_bind_blob(Handle, _payloadBinary, payload),
            };
        }

        if (_grainStateVersion > 0)
        {
            _ = expectedVersion is { } expected
                ? raw.sqlite3_bind_int64(Handle, _grainStateVersion, expected)
                : raw.sqlite3_bind_null(Handle, _grainStateVersion);
        }
    }

    /// <summary>Steps once: true with a row to read, false when done; an error is thrown as Microsoft.Data.Sqlite throws it.</summary>
    public bool Step()
    {
        var result = raw.sqlite3_step(Handle);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        if (result != raw.SQLITE_DONE)
        {
            Check(_database, result);
        }

        return false;
    }

    /// <summary>Column <paramref name="column"/> of the row <see cref="Step"/> stopped at, as an integer; null for NULL.</summary>
    public int? Int32At(int column) =>
        raw.sqlite3_column_type(Handle, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int(Handle, column);

    /// <summary>Column <paramref name="column"/> of the row <see cref="Step"/> stopped at, as bytes; null for NULL.</summary>
    public byte[]? BlobAt(int column) =>
        raw.sqlite3_column_type(Handle, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_blob(Handle, column).ToArray();

    /// <summary>Makes the statement ready to be bound and run again.</summary>
    public void Reset()
    {
        raw.sqlite3_reset(Handle);
        raw.sqlite3_clear_bindings(Handle);
    }

    public void Dispose() => raw.sqlite3_finalize(Handle);

    private static void Check(sqlite3 database, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }

    private void BindInt64(int index, long value)
    {
        if (index > 0)
        {
            raw.sqlite3_bind_int64(Handle, index, value);
        }
    }

    private void BindText(int index, string? value)
    {
        if (index <= 0)
        {
            return;
        }

        if (value is null)
        {
            raw.sqlite3_bind_null(Handle, index);
            return;
        }

        // UTF-8, as Microsoft.Data.Sqlite binds text; keys are short, so on the stack.
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> utf8 = length <= 1024 ? stackalloc byte[length] : new byte[length];
        raw.sqlite3_bind_text(Handle, index, utf8[..Encoding.UTF8.GetBytes(value, utf8)]);
    }
}

using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// The provider's <c>WriteToStorageKey</c> statement prepared once on the SQLite writer's connection and run with a
/// <see cref="StateWrite"/>'s values bound in place. Through Microsoft.Data.Sqlite each write made a command's worth of
/// parameter objects, their binders, UTF-8 copies of every text and a buffered reader; a store's write was mostly that.
/// The SQL is the provider's own (<see cref="SqliteGrainStorageSchema"/>), so the rows, versions and conflicts are the
/// ones the provider writes and reads.
/// </summary>
internal sealed class SqliteStateWriteStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly Statement[] _statements;

    /// <summary>Prepares <paramref name="sql"/>'s statements on <paramref name="connection"/>, which must stay open.</summary>
    public SqliteStateWriteStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var statements = new List<Statement>();
        try
        {
            for (var rest = sql.Trim(); rest.Length > 0; rest = rest.Trim())
            {
                Check(raw.sqlite3_prepare_v2(_database, rest, out var prepared, out var tail));
                statements.Add(new Statement(prepared));
                rest = tail ?? "";
            }
        }
        catch
        {
            statements.ForEach(statement => statement.Dispose());
            throw;
        }

        _statements = [.. statements];
    }

    /// <summary>
    /// Runs the write in the connection's current transaction (or its own, outside one): the grain's new version, or
    /// null when its expected version did not match and nothing was written.
    /// </summary>
    public int? Run(StateWrite write)
    {
        int? version = null;
        foreach (var statement in _statements)
        {
            try
            {
                statement.Bind(write);
                var step = raw.sqlite3_step(statement.Handle);
                if (step == raw.SQLITE_ROW)
                {
                    // Both statements run, as the provider's batch runs; at most one of them returns the new version.
                    version ??= raw.sqlite3_column_int(statement.Handle, 0);
                    step = raw.sqlite3_step(statement.Handle);
                }

                if (step != raw.SQLITE_DONE)
                {
                    Check(step);
                }
            }
            finally
            {
                raw.sqlite3_reset(statement.Handle);
                raw.sqlite3_clear_bindings(statement.Handle);
            }
        }

        return version;
    }

    public void Dispose()
    {
        foreach (var statement in _statements)
        {
            statement.Dispose();
        }
    }

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }

    /// <summary>One prepared statement and the positions of the parameters it names.</summary>
    private sealed class Statement(sqlite3_stmt handle) : IDisposable
    {
        private readonly int _grainIdHash = raw.sqlite3_bind_parameter_index(handle, "@GrainIdHash");
        private readonly int _grainIdN0 = raw.sqlite3_bind_parameter_index(handle, "@GrainIdN0");
        private readonly int _grainIdN1 = raw.sqlite3_bind_parameter_index(handle, "@GrainIdN1");
        private readonly int _grainTypeHash = raw.sqlite3_bind_parameter_index(handle, "@GrainTypeHash");
        private readonly int _grainTypeString = raw.sqlite3_bind_parameter_index(handle, "@GrainTypeString");
        private readonly int _grainIdExtensionString = raw.sqlite3_bind_parameter_index(handle, "@GrainIdExtensionString");
        private readonly int _serviceId = raw.sqlite3_bind_parameter_index(handle, "@ServiceId");
        private readonly int _payloadBinary = raw.sqlite3_bind_parameter_index(handle, "@PayloadBinary");
        private readonly int _grainStateVersion = raw.sqlite3_bind_parameter_index(handle, "@GrainStateVersion");

        public sqlite3_stmt Handle { get; } = handle;

        public void Bind(StateWrite write)
        {
            var key = write.Key;
            // Index 0 is a parameter this statement does not name; SQLite refuses it, so skip it.
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
                _ = write.Payload.Length == 0
                    ? raw.sqlite3_bind_zeroblob(Handle, _payloadBinary, 0)
                    : raw.sqlite3_bind_blob(Handle, _payloadBinary, write.Payload);
            }

            if (_grainStateVersion > 0)
            {
                _ = write.ExpectedVersion is { } expected
                    ? raw.sqlite3_bind_int64(Handle, _grainStateVersion, expected)
                    : raw.sqlite3_bind_null(Handle, _grainStateVersion);
            }
        }

        public void Dispose() => raw.sqlite3_finalize(Handle);

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
}

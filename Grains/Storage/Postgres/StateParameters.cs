using Npgsql;
using NpgsqlTypes;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>The provider's statement parameters, typed as its SQL reads them.</summary>
internal static class StateParameters
{
    public static void AddKey(NpgsqlParameterCollection parameters, StateKey key)
    {
        parameters.Add(new NpgsqlParameter<int>("GrainIdHash", NpgsqlDbType.Integer) { TypedValue = key.GrainIdHash });
        parameters.Add(new NpgsqlParameter<long>("GrainIdN0", NpgsqlDbType.Bigint) { TypedValue = key.GrainIdN0 });
        parameters.Add(new NpgsqlParameter<long>("GrainIdN1", NpgsqlDbType.Bigint) { TypedValue = key.GrainIdN1 });
        parameters.Add(new NpgsqlParameter<int>("GrainTypeHash", NpgsqlDbType.Integer) { TypedValue = key.GrainTypeHash });
        parameters.Add(new NpgsqlParameter("GrainTypeString", NpgsqlDbType.Text) { Value = key.GrainTypeString });
        parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = (object?)key.GrainIdExtensionString ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Text) { Value = key.ServiceId });
    }

    public static void AddWrite(NpgsqlParameterCollection parameters, StateWrite write)
    {
        AddKey(parameters, write.Key);
        parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)write.ExpectedVersion ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter<byte[]>("PayloadBinary", NpgsqlDbType.Bytea) { TypedValue = write.Payload });
    }
}

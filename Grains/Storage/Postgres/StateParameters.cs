using Npgsql;
using NpgsqlTypes;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>The provider's statement parameters, typed as its SQL reads them.</summary>
internal static class StateParameters
{
    private enum Parameter
    {
        GrainIdHash,
        GrainIdN0,
        GrainIdN1,
        GrainTypeHash,
        GrainTypeString,
        GrainIdExtensionString,
        ServiceId,
        GrainStateVersion,
        PayloadBinary,
    }

    private static readonly Dictionary<string, Parameter> ByName =
        Enum.GetValues<Parameter>().ToDictionary(parameter => parameter.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Adds the parameters <paramref name="statement"/> names, in its positional order (or by name, when it kept its
    /// names): the key's, and for a write its expected version and payload.
    /// </summary>
    public static void Add(NpgsqlParameterCollection parameters, PositionalStatement statement, StateKey key, StateWrite? write = null)
    {
        if (statement.Names is null)
        {
            foreach (var parameter in Enum.GetValues<Parameter>())
            {
                if (write is not null || parameter is not (Parameter.GrainStateVersion or Parameter.PayloadBinary))
                {
                    parameters.Add(Create(parameter, key, write, named: true));
                }
            }

            return;
        }

        foreach (var name in statement.Names)
        {
            var parameter = ByName.TryGetValue(name, out var known) ? known : throw new InvalidOperationException($"The grain-state statement names a parameter @{name} the provider does not have.");
            parameters.Add(Create(parameter, key, write, named: false));
        }
    }

    private static NpgsqlParameter Create(Parameter parameter, StateKey key, StateWrite? write, bool named)
    {
        NpgsqlParameter created = parameter switch
        {
            Parameter.GrainIdHash => new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = key.GrainIdHash },
            Parameter.GrainIdN0 => new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = key.GrainIdN0 },
            Parameter.GrainIdN1 => new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = key.GrainIdN1 },
            Parameter.GrainTypeHash => new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = key.GrainTypeHash },
            Parameter.GrainTypeString => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = key.GrainTypeString },
            Parameter.GrainIdExtensionString => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)key.GrainIdExtensionString ?? DBNull.Value },
            Parameter.ServiceId => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = key.ServiceId },
            Parameter.GrainStateVersion => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)Required(write, parameter).ExpectedVersion ?? DBNull.Value },
            Parameter.PayloadBinary => new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = Required(write, parameter).Payload },
            _ => throw new ArgumentOutOfRangeException(nameof(parameter)),
        };
        if (named)
        {
            created.ParameterName = parameter.ToString();
        }

        return created;
    }

    private static StateWrite Required(StateWrite? write, Parameter parameter) =>
        write ?? throw new InvalidOperationException($"A read statement names @{parameter}, which only a write has.");
}

using StoreMonitor.Grains.Storage.Postgres;

namespace StoreMonitor.Tests.Grains.Persistence;

/// <summary>The provider's named placeholders become PostgreSQL's positional ones, so Npgsql sends the statement as it is.</summary>
public sealed class PositionalStatementTests
{
    [Fact]
    public void Each_name_gets_the_position_of_its_first_use_and_keeps_it()
    {
        var statement = PositionalStatement.From("""
            -- the caller's @Version is compared below
            UPDATE T SET Payload = @PayloadBinary::bytea, Version = Version + 1
            WHERE Id = @GrainIdHash AND Version = @grainstateversion::integer
            RETURNING Version;
            SELECT @GrainIdHash, COALESCE(@GrainStateVersion::integer, 0), x@y
            """);

        Assert.Equal(["PayloadBinary", "GrainIdHash", "grainstateversion"], statement.Names);
        Assert.Equal("""
            -- the caller's @Version is compared below
            UPDATE T SET Payload = $1::bytea, Version = Version + 1
            WHERE Id = $2 AND Version = $3::integer
            RETURNING Version;
            SELECT $2, COALESCE($3::integer, 0), x@y
            """, statement.Text);
    }

    [Theory]
    [InlineData("SELECT * FROM T WHERE Name = 'a@b' AND Id = @Id", "SELECT * FROM T WHERE Name = 'a@b' AND Id = $1")]
    [InlineData("SELECT * FROM \"T@\" WHERE Name = 'it''s @x' AND Id = @Id", "SELECT * FROM \"T@\" WHERE Name = 'it''s @x' AND Id = $1")]
    [InlineData("SELECT COALESCE(@Id::varchar, '')", "SELECT COALESCE($1::varchar, '')")]
    public void Literals_and_quoted_names_are_copied_as_they_are(string sql, string positional)
    {
        var statement = PositionalStatement.From(sql);

        Assert.Equal(["Id"], statement.Names);
        Assert.Equal(positional, statement.Text);
    }

    [Theory]
    [InlineData("SELECT E'a\\'@b' AS x, @Id")]
    [InlineData("SELECT $$@x$$, @Id")]
    [InlineData("SELECT * FROM T WHERE Id = $1")]
    [InlineData("SELECT /* @Id */ @Id")]
    [InlineData("SELECT 'unclosed @Id")]
    public void A_statement_this_does_not_read_for_certain_keeps_its_names(string sql)
    {
        var statement = PositionalStatement.From(sql);

        Assert.Null(statement.Names);
        Assert.Equal(sql, statement.Text);
    }

    [Theory]
    [InlineData("ReadFromStorageKey", 7)]
    [InlineData("WriteToStorageKey", 9)]
    public void The_providers_grain_state_statements_become_positional(string queryKey, int parameters)
    {
        using var resource = typeof(PositionalStatement).Assembly.GetManifestResourceStream($"StoreMonitor.Postgres.Queries.{queryKey}.sql")!;
        var sql = new StreamReader(resource).ReadToEnd();

        var statement = PositionalStatement.From(sql);

        Assert.Equal(parameters, statement.Names?.Count);
        var code = statement.Text.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal));
        Assert.All(code, line => Assert.DoesNotContain('@', line));
    }
}

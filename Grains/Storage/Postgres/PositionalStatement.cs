using System.Text;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>
/// The provider's statement with its named placeholders (<c>@Name</c>) turned into PostgreSQL's positional ones
/// (<c>$1</c>), once. Npgsql sends a statement whose parameters have no names as it is; with names it parses and rewrites
/// the SQL on every run, which was a tenth of a silo's allocations while stores took their writes. Line comments, plain
/// literals and quoted names are copied as they are; a statement with anything else this does not read for certain
/// (escaped literals, dollar quoting, block comments) keeps its names, and Npgsql rewrites it as before.
/// </summary>
internal sealed class PositionalStatement
{
    private PositionalStatement(string text, IReadOnlyList<string>? names)
    {
        Text = text;
        Names = names;
    }

    /// <summary>The SQL to run.</summary>
    public string Text { get; }

    /// <summary>The parameters' names in positional order (<c>$1</c> first); null when <see cref="Text"/> keeps its names.</summary>
    public IReadOnlyList<string>? Names { get; }

    public static PositionalStatement From(string sql)
    {
        var names = new List<string>();
        var text = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                // A line comment: copied as it is, placeholders in it included.
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                text.Append(sql, i, end - i);
                i = end - 1;
                continue;
            }

            if (sql[i] is '\'' or '"' && !(sql[i] == '\'' && i > 0 && sql[i - 1] is 'E' or 'e'))
            {
                // A literal or a quoted name, copied as it is; a doubled quote inside one reads as two of them.
                var close = sql.IndexOf(sql[i], i + 1);
                if (close < 0)
                {
                    return new(sql, null);
                }

                text.Append(sql, i, close + 1 - i);
                i = close;
                continue;
            }

            if (sql[i] is '\'' or '$' || (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*'))
            {
                // An escaped literal, dollar quoting (or positions already) or a block comment: left to Npgsql.
                return new(sql, null);
            }

            if (sql[i] == '@' && i + 1 < sql.Length && IsNameStart(sql[i + 1]) && (i == 0 || !IsNamePart(sql[i - 1])))
            {
                var start = i + 1;
                var end = start;
                while (end < sql.Length && IsNamePart(sql[end]))
                {
                    end++;
                }

                var name = sql[start..end];
                // Npgsql matches names case-insensitively; so does this.
                var index = names.FindIndex(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    names.Add(name);
                    index = names.Count - 1;
                }

                text.Append('$').Append(index + 1);
                i = end - 1;
                continue;
            }

            text.Append(sql[i]);
        }

        return new(text.ToString(), names);
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';
}

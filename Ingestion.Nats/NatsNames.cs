namespace StoreMonitor.Ingestion.Nats;

/// <summary>The NATS rules for names and subjects that settings are checked against before anything connects.</summary>
internal static class NatsNames
{
    private static readonly char[] NotInNames = [' ', '\t', '.', '*', '>', '/', '\\'];

    public static bool IsStreamName(string name) => name.Length is > 0 and <= 255 && name.IndexOfAny(NotInNames) < 0 && !name.Any(char.IsControl);

    /// <summary>A subject to publish to: non-empty tokens separated by '.', no wildcards, no white space.</summary>
    public static bool IsSubject(string subject) => Tokens(subject) is { } tokens && tokens.All(token => token is not ("*" or ">"));

    /// <summary>A subject or a filter: '*' stands for one token, '>' as the last token for one or more.</summary>
    public static bool IsSubjectFilter(string filter) =>
        Tokens(filter) is { } tokens && Array.FindIndex(tokens, token => token == ">") is var rest && (rest < 0 || rest == tokens.Length - 1);

    /// <summary>Whether <paramref name="subject"/> (no wildcards) is one <paramref name="filter"/> takes.</summary>
    public static bool Matches(string filter, string subject)
    {
        var filterTokens = filter.Split('.');
        var subjectTokens = subject.Split('.');
        for (var i = 0; i < filterTokens.Length; i++)
        {
            if (filterTokens[i] == ">")
            {
                return subjectTokens.Length > i;
            }

            if (i >= subjectTokens.Length || (filterTokens[i] != "*" && filterTokens[i] != subjectTokens[i]))
            {
                return false;
            }
        }

        return filterTokens.Length == subjectTokens.Length;
    }

    private static string[]? Tokens(string subject)
    {
        var tokens = subject.Split('.');
        return tokens.All(token => token.Length > 0 && !token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) ? tokens : null;
    }
}

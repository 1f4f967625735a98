namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// How a rejection reason names a field and quotes its value, wherever the value came from (a CSV column, a JSON
/// property): the rules of a value then say what is wrong in the same words for a file and for a push.
/// </summary>
internal interface IFieldText
{
    /// <summary>The field's name as the input writes it (a CSV header keeps its own spelling).</summary>
    string Name(int field);

    /// <summary>The field for a reason, as <c>name 'value'</c>.</summary>
    string Quote(int field);
}

namespace StoreMonitor.Api.Endpoints;

/// <summary>One pushed poll, as <c>POST /polls</c> takes it in JSON (the same three values as a row of <c>store_status.csv</c>).</summary>
/// <param name="StoreId">A string (or an integer), under the store id rules of <c>docs/INGESTION.md</c>.</param>
/// <param name="TimestampUtc">As in the file: <c>2023-01-22 12:09:39.388884 UTC</c>, or ISO 8601 with <c>Z</c> or an offset.</param>
/// <param name="Status"><c>active</c> or <c>inactive</c>.</param>
public sealed record PushedPoll(string StoreId, string TimestampUtc, string Status);

/// <summary>
/// The answer to a push whose valid polls are stored. <c>items</c> = <c>accepted</c> + <c>duplicates</c> +
/// <c>rejected</c>: polls new to their store, polls it already had, items that are no poll (the first ones in
/// <c>first_rejections</c>, as <c>line N: reason</c> or <c>item N: reason</c>). <c>run_number</c> is the ingestion run
/// number that fenced the push.
/// </summary>
public sealed record PollPushAccepted(
    long Items,
    long Accepted,
    long Duplicates,
    long Rejected,
    string[] FirstRejections,
    int Stores,
    long RunNumber);

using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// Reads a report's options (docs/REPORTS.md) from a JSON body or a query, the same rules either way: <c>windows</c>,
/// <c>stores</c> or <c>store_prefix</c>, <c>include_percent</c>. Each option is read once; anything it cannot use is a
/// 400 problem whose title names the option and whose detail says the rule.
/// </summary>
internal sealed class ReportOptionsParser
{
    public const string WindowsName = "windows";
    public const string StoresName = "stores";
    public const string StorePrefixName = "store_prefix";
    public const string IncludePercentName = "include_percent";

    /// <summary>Every option's name, as the body and the query spell it.</summary>
    public static readonly string[] Names = [WindowsName, StoresName, StorePrefixName, IncludePercentName];

    private static readonly string FixedNames = string.Join(", ", UptimeWindow.Fixed.Select(window => window.Name));

    private readonly Dictionary<string, string> _givenIn = new(StringComparer.Ordinal);
    private List<(UptimeWindow Window, string Label)>? _windows;
    private string[]? _stores;
    private string? _storePrefix;
    private bool _includePercent;

    public static bool IsOption(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>Reads option <paramref name="name"/> from a JSON body's property.</summary>
    public ProblemHttpResult? FromJson(string name, JsonElement value)
    {
        if (Given(name, "body") is { } twice)
        {
            return twice;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return name switch
        {
            WindowsName => JsonWindows(value),
            StoresName => JsonStores(value),
            StorePrefixName => value.ValueKind == JsonValueKind.String ? Prefix(value.GetString()!) : Invalid(StorePrefixName, "store_prefix must be a string such as \"1001\"."),
            _ => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? Percent(value.GetBoolean()) : Invalid(IncludePercentName, "include_percent must be true or false."),
        };
    }

    /// <summary>Reads every option the query gives.</summary>
    public ProblemHttpResult? FromQuery(IQueryCollection query)
    {
        foreach (var name in Names)
        {
            if (query[name] is { Count: > 0 } values && FromQuery(name, values) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>The options read, or null for the SPEC report (none given); or why they do not go together.</summary>
    public (ReportOptions? Options, ProblemHttpResult? Problem) Build()
    {
        if (_stores is not null && _storePrefix is not null)
        {
            return (null, Invalid(StoresName, "Give stores or store_prefix, not both: a report has the stores named, or those whose id starts with the prefix."));
        }

        if (_windows is not null)
        {
            var clash = _windows
                .GroupBy(window => window.Window.ColumnName, StringComparer.Ordinal)
                .FirstOrDefault(group => group.Count() > 1);
            if (clash is not null)
            {
                return (null, Invalid(WindowsName, $"{string.Join(" and ", clash.Select(window => window.Label))} would both be the column uptime_{clash.Key}: give each window once, and name ranges apart from it."));
            }
        }

        return _windows is null && _stores is null && _storePrefix is null && !_includePercent
            ? (null, null)
            : (new ReportOptions(_windows?.Select(window => window.Window).ToArray(), _stores, _storePrefix, _includePercent), null);
    }

    private ProblemHttpResult? FromQuery(string name, StringValues values)
    {
        if (Given(name, "query") is { } twice)
        {
            return twice;
        }

        if (name != StoresName && values.Count > 1)
        {
            return Invalid(name, $"{name} is given more than once in the query.");
        }

        var text = values[0] ?? string.Empty;
        switch (name)
        {
            case WindowsName:
                return QueryWindows(text);
            case StoresName:
                return Stores([.. values.Select(value => value ?? string.Empty)], "stores (the query: one id per stores=)");
            case StorePrefixName:
                return Prefix(text);
            default:
                return text.ToLowerInvariant() switch
                {
                    "true" => Percent(true),
                    "false" => Percent(false),
                    _ => Invalid(IncludePercentName, $"include_percent is '{Cut(text)}'; it is true or false."),
                };
        }
    }

    private ProblemHttpResult? Given(string name, string where)
    {
        if (_givenIn.TryGetValue(name, out var before))
        {
            return Invalid(name, before == where ? $"{name} is given more than once in the {where}." : $"{name} is given in both the {before} and the {where}; give it once.");
        }

        _givenIn[name] = where;
        return null;
    }

    private ProblemHttpResult? JsonWindows(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Invalid(WindowsName, "windows must be a list such as [\"day\", \"month\", {\"name\": \"jan\", \"from\": \"2023-01-01T00:00:00Z\", \"to\": \"2023-02-01T00:00:00Z\"}].");
        }

        var windows = new List<(UptimeWindow, string)>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var label = $"windows[{index++}]";
            var (window, problem) = item.ValueKind switch
            {
                JsonValueKind.String => FixedWindow(item.GetString()!, label),
                JsonValueKind.Object => JsonRange(item, label),
                _ => (default, $"{label} is neither a window's name ({FixedNames}) nor a range {{\"name\", \"from\", \"to\"}}."),
            };
            if (problem is not null)
            {
                return Invalid(WindowsName, problem);
            }

            windows.Add((window, label));
        }

        return Windows(windows);
    }

    /// <summary>The query's <c>windows</c>: names and ranges separated by commas, a range as <c>name:from/to</c>.</summary>
    private ProblemHttpResult? QueryWindows(string text)
    {
        var windows = new List<(UptimeWindow, string)>();
        var items = text.Split(',');
        for (var index = 0; index < items.Length; index++)
        {
            var label = $"windows item {index + 1} ('{Cut(items[index])}')";
            var item = items[index].Trim();
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var (window, problem) = colon < 0 ? FixedWindow(item, label) : QueryRange(item[..colon], item[(colon + 1)..], label);
            if (problem is not null)
            {
                return Invalid(WindowsName, problem);
            }

            windows.Add((window, label));
        }

        return Windows(windows);
    }

    private ProblemHttpResult? Windows(List<(UptimeWindow Window, string Label)> windows)
    {
        if (windows.Count == 0)
        {
            return Invalid(WindowsName, "windows is empty; leave it out for the SPEC windows (hour, day, week).");
        }

        if (windows.Count > ReportOptions.MaxWindows)
        {
            return Invalid(WindowsName, $"windows has {windows.Count} windows; a report has at most {ReportOptions.MaxWindows}.");
        }

        _windows = windows;
        return null;
    }

    private static (UptimeWindow Window, string? Problem) FixedWindow(string name, string label) =>
        UptimeWindow.Fixed.FirstOrDefault(window => window.Name == name) is { Name: not null } window
            ? (window, null)
            : (default, $"{label}: '{Cut(name)}' is not a window; the windows are {FixedNames}, or a range {{\"name\", \"from\", \"to\"}} (in the query name:from/to).");

    private static (UptimeWindow Window, string? Problem) JsonRange(JsonElement item, string label)
    {
        string? name = null, from = null, to = null;
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("name" or "from" or "to"))
            {
                return (default, $"{label} has an unknown property '{Cut(property.Name)}'; a range has name, from and to.");
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return (default, $"{label}.{property.Name} must be a string.");
            }

            var text = property.Value.GetString()!;
            switch (property.Name)
            {
                case "name": name = text; break;
                case "from": from = text; break;
                default: to = text; break;
            }
        }

        return name is null || from is null || to is null
            ? (default, $"{label} needs name, from and to, e.g. {{\"name\": \"jan\", \"from\": \"2023-01-01T00:00:00Z\", \"to\": \"2023-02-01T00:00:00Z\"}}.")
            : Range(name, from, to, label, $"{label}.from", $"{label}.to");
    }

    private static (UptimeWindow Window, string? Problem) QueryRange(string name, string span, string label)
    {
        var slash = span.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? (default, $"{label}: a range is name:from/to, e.g. jan:2023-01-01T00:00:00Z/2023-02-01T00:00:00Z.")
            : Range(name, span[..slash], span[(slash + 1)..], label, $"{label}: from", $"{label}: to");
    }

    private static (UptimeWindow Window, string? Problem) Range(string name, string fromText, string toText, string label, string fromLabel, string toLabel)
    {
        var (from, fromError) = ReportTime.Parse(fromText, fromLabel);
        if (fromError is not null)
        {
            return (default, fromError);
        }

        var (to, toError) = ReportTime.Parse(toText, toLabel);
        if (toError is not null)
        {
            return (default, toError);
        }

        return UptimeWindow.RangeProblem(name, from!.Value, to!.Value) is { } problem
            ? (default, $"{label}: {problem}.")
            : (UptimeWindow.Range(name, from.Value, to.Value), null);
    }

    private ProblemHttpResult? JsonStores(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Invalid(StoresName, "stores must be a list of store ids such as [\"1001\", \"1002\"].");
        }

        var ids = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return Invalid(StoresName, $"stores[{index}] must be a string (a store id).");
            }

            ids.Add(item.GetString()!);
            index++;
        }

        return Stores(ids, "stores");
    }

    private ProblemHttpResult? Stores(List<string> ids, string label)
    {
        if (ids.Count == 0)
        {
            return Invalid(StoresName, "stores is empty; leave it out for every store.");
        }

        if (ids.Count > ReportOptions.MaxStores)
        {
            return Invalid(StoresName, $"{label} names {ids.Count.ToString("N0", CultureInfo.InvariantCulture)} stores; a report names at most {ReportOptions.MaxStores.ToString("N0", CultureInfo.InvariantCulture)} (or use store_prefix).");
        }

        for (var index = 0; index < ids.Count; index++)
        {
            if (StoreIds.Problem(ids[index]) is { } problem)
            {
                return Invalid(StoresName, $"{label}[{index}] ('{Cut(ids[index])}') is no store id: {problem}.");
            }
        }

        _stores = [.. ids];
        return null;
    }

    private ProblemHttpResult? Prefix(string prefix)
    {
        if (prefix.Length == 0)
        {
            return Invalid(StorePrefixName, "store_prefix is empty; leave it out for every store.");
        }

        if (prefix.Any(char.IsControl))
        {
            return Invalid(StorePrefixName, "store_prefix cannot contain a control character; store ids never do.");
        }

        if (Encoding.UTF8.GetByteCount(prefix) > StoreIds.MaxUtf8Bytes)
        {
            return Invalid(StorePrefixName, $"store_prefix is longer than a store id can be ({StoreIds.MaxUtf8Bytes} bytes).");
        }

        _storePrefix = prefix;
        return null;
    }

    private ProblemHttpResult? Percent(bool value)
    {
        _includePercent = value;
        return null;
    }

    private static ProblemHttpResult Invalid(string option, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid {option}");

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

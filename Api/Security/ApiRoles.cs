namespace StoreMonitor.Api.Security;

/// <summary>What a key may do: a reader reads reports, stores and ingestion status; an operator also starts work.</summary>
public static class ApiRoles
{
    public const string Reader = "reader";
    public const string Operator = "operator";

    public static bool IsKnown(string? role) => role is Reader or Operator;
}

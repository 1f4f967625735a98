namespace StoreMonitor.Api.Security;

/// <summary>The <c>StoreMonitor:Auth</c> section: the API keys and whether a key is required on loopback.</summary>
public sealed class AuthSettings
{
    public const string SectionName = "StoreMonitor:Auth";

    /// <summary>
    /// true: every call but health needs a key, wherever the API listens. Otherwise a key is needed only when the API
    /// listens on a non-loopback address; on loopback a call without a key has full rights.
    /// </summary>
    public bool Required { get; set; }

    public List<ApiKeySetting> Keys { get; set; } = [];
}

/// <summary>One configured key: the key itself (<c>Key</c>) or its SHA-256 in hex (<c>KeyHash</c>), and its role.</summary>
public sealed class ApiKeySetting
{
    public string? Key { get; set; }

    public string? KeyHash { get; set; }

    public string? Role { get; set; }
}

using System.Security.Cryptography;
using System.Text;

namespace StoreMonitor.Api.Security;

/// <summary>
/// The configured API keys, held only as SHA-256 digests. A presented key is hashed and compared with every
/// digest in constant time, so neither the comparison nor the position of a match leaks through timing.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly ApiKey[] _keys;

    private ApiKeyRing(ApiKey[] keys) => _keys = keys;

    public int Count => _keys.Length;

    /// <summary>A configured key as the service knows it: an id for rate limiting (its position), its digest and role.</summary>
    public sealed record ApiKey(string Id, byte[] Digest, string Role);

    /// <summary>Reads the configured keys; a malformed entry stops start-up with a message naming it (never its value).</summary>
    public static ApiKeyRing From(IReadOnlyList<ApiKeySetting> settings)
    {
        var keys = new ApiKey[settings.Count];
        var errors = new List<string>();
        for (var index = 0; index < settings.Count; index++)
        {
            var setting = settings[index];
            var name = $"{AuthSettings.SectionName}:Keys:{index}";
            var role = setting.Role?.Trim().ToLowerInvariant();
            if (!ApiRoles.IsKnown(role))
            {
                errors.Add($"{name}:Role must be '{ApiRoles.Reader}' or '{ApiRoles.Operator}'.");
            }

            var digest = DigestOf(setting, name, errors);
            if (digest is not null && role is not null)
            {
                keys[index] = new ApiKey($"key-{index}", digest, role);
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid API key configuration: " + string.Join(" ", errors));
        }

        return new ApiKeyRing(keys);
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The key matching <paramref name="presented"/>, or null. Every digest is compared, match or not.</summary>
    public ApiKey? Find(string presented)
    {
        var digest = Hash(presented);
        ApiKey? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, key.Digest))
            {
                found ??= key;
            }
        }

        return found;
    }

    private static byte[]? DigestOf(ApiKeySetting setting, string name, List<string> errors)
    {
        var hasKey = !string.IsNullOrEmpty(setting.Key);
        var hasHash = !string.IsNullOrEmpty(setting.KeyHash);
        if (hasKey == hasHash)
        {
            errors.Add($"{name} needs exactly one of Key or KeyHash.");
            return null;
        }

        if (hasKey)
        {
            return Hash(setting.Key!);
        }

        var hex = setting.KeyHash!.Trim();
        if (hex.Length != SHA256.HashSizeInBytes * 2 || !hex.All(Uri.IsHexDigit))
        {
            errors.Add($"{name}:KeyHash must be a SHA-256 digest in hex (64 hex digits).");
            return null;
        }

        return Convert.FromHexString(hex);
    }
}

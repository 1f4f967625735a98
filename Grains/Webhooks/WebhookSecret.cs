using System.Security.Cryptography;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>Standard Webhooks secrets: <c>whsec_</c> and the base64 of random bytes (24 to 64; these have 32), one per subscription.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public const int KeyBytes = 32;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The key the signatures are made with: the bytes the base64 after the prefix stands for.</summary>
    public static byte[] Key(string secret) => Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace StoreMonitor.Api.Security;

/// <summary>The host's access control in two calls: services (<see cref="AddStoreMonitorSecurity"/>) and middleware (<see cref="UseStoreMonitorSecurity"/>).</summary>
public static class SecurityHosting
{
    public static WebApplicationBuilder AddStoreMonitorSecurity(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthSettings.SectionName).Get<AuthSettings>() ?? new();
        var rateLimits = builder.Configuration.GetSection(RateLimitSettings.SectionName).Get<RateLimitSettings>() ?? new();

        // Only the digests are kept; a bad entry stops start-up here, before anything listens.
        builder.Services.AddSingleton(ApiKeyRing.From(auth.Keys));
        builder.Services.AddSingleton(auth);
        builder.Services.AddSingleton<KeyRequirement>();

        builder.Services
            .AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var reader = new AuthorizationPolicyBuilder().RequireRole(ApiRoles.Reader, ApiRoles.Operator).Build();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Reader, reader)
            .AddPolicy(ApiPolicies.Operator, policy => policy.RequireRole(ApiRoles.Operator))
            // Deny by default: an endpoint added without a policy still needs a reader key.
            .SetFallbackPolicy(reader);

        builder.Services.AddRateLimiter(limiter => RateLimitPolicies.Configure(limiter, rateLimits));
        return builder;
    }

    public static WebApplication UseStoreMonitorSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, so a limit is counted per key and refused calls do not use it up.
        app.UseRateLimiter();
        app.Lifetime.ApplicationStarted.Register(() => LogAccessMode(app));
        return app;
    }

    private static void LogAccessMode(WebApplication app)
    {
        var requirement = app.Services.GetRequiredService<KeyRequirement>();
        var keys = app.Services.GetRequiredService<ApiKeyRing>();
        if (!requirement.IsRequired)
        {
            app.Logger.LogInformation("API keys: optional (listening on loopback only); {Count} key(s) configured", keys.Count);
        }
        else if (keys.Count == 0)
        {
            app.Logger.LogError(
                "API keys are required (listening on {Addresses}) but none is configured in {Section}:Keys: every call except health is refused",
                string.Join(", ", requirement.Addresses), AuthSettings.SectionName);
        }
        else
        {
            app.Logger.LogInformation("API keys: required (listening on {Addresses}); {Count} key(s) configured", string.Join(", ", requirement.Addresses), keys.Count);
        }
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace StoreMonitor.Api.Security;

/// <summary>
/// The host's access control: services (<see cref="AddStoreMonitorSecurity"/>), then middleware in two places
/// (<see cref="UseStoreMonitorResponseHeaders"/> first, <see cref="UseStoreMonitorSecurity"/> before the endpoints).
/// </summary>
public static class SecurityHosting
{
    public static WebApplicationBuilder AddStoreMonitorSecurity(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthSettings.SectionName).Get<AuthSettings>() ?? new();
        var rateLimits = builder.Configuration.GetSection(RateLimitSettings.SectionName).Get<RateLimitSettings>() ?? new();
        var limits = builder.Configuration.GetSection(RequestLimitSettings.SectionName).Get<RequestLimitSettings>() ?? new();
        var cors = builder.Configuration.GetSection(CorsSettings.SectionName).Get<CorsSettings>() ?? new();

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

        builder.Services.AddSingleton(rateLimits);
        builder.Services.AddSingleton<CallerRateLimits>();

        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = limits.MaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        });

        builder.Services.AddSingleton(cors);
        if (cors.AllowedOrigins.Length > 0)
        {
            builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
                .WithOrigins(cors.AllowedOrigins)
                .WithMethods("GET", "POST", "DELETE")
                // SignalR's clients add the last two to the hub's negotiate call.
                .WithHeaders(ApiKeyAuthenticationHandler.HeaderName, "Authorization", "Content-Type", "X-Requested-With", "X-SignalR-User-Agent")
                .WithExposedHeaders("X-Report-Status", "Retry-After", "Location", "Content-Disposition")));
        }

        return builder;
    }

    /// <summary>Security headers and CORS: first in the pipeline, so static files and refusals carry them too.</summary>
    public static WebApplication UseStoreMonitorResponseHeaders(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (app.Services.GetRequiredService<CorsSettings>().AllowedOrigins.Length > 0)
        {
            // Before authentication: a browser's preflight carries no key and must still be answered.
            app.UseCors();
        }

        return app;
    }

    /// <summary>
    /// Keys, roles, rate limits and upload limits. Static files (a dashboard's HTML and scripts) are served before
    /// this, so a browser can load the page that then asks for a key.
    /// </summary>
    public static WebApplication UseStoreMonitorSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, so a limit is counted per key and refused calls do not use it up.
        app.UseCallerRateLimits();
        app.UseUploadLimits(app.Services.GetRequiredService<RequestLimitSettings>().MaxUploadBytes);
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

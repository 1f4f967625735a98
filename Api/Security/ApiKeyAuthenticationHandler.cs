using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace StoreMonitor.Api.Security;

/// <summary>
/// Authenticates a call by the key in <c>X-API-Key</c> or <c>Authorization: Bearer</c>, or, on the SignalR hubs only
/// (<see cref="HubPathPrefix"/>), in the <c>access_token</c> query parameter: a browser cannot set headers on a WebSocket,
/// so SignalR's clients send the key there. A call without a key is
/// let through with full rights only while keys are not required (loopback, see <see cref="KeyRequirement"/>);
/// a key that is given is always checked. Challenges and refusals are problem details. The key itself is never
/// logged or echoed.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyRing keys,
    KeyRequirement requirement,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-API-Key";

    /// <summary>Where a key may come in the query string: the hubs, whose WebSockets cannot carry headers from a browser.</summary>
    public const string HubPathPrefix = "/hubs/";

    /// <summary>The query parameter SignalR's clients put the key in (their <c>accessTokenFactory</c>).</summary>
    public const string AccessTokenParameter = "access_token";

    /// <summary>Claim naming who is calling, for rate limiting: a key's id (never the key) or <c>local</c>.</summary>
    public const string CallerClaim = "store-monitor/caller";
    public const string LocalCaller = "local";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(requirement.IsRequired ? AuthenticateResult.NoResult() : Success(LocalCaller, ApiRoles.Operator));
        }

        return Task.FromResult(keys.Find(presented) is { } key
            ? Success(key.Id, key.Role)
            : AuthenticateResult.Fail("The API key is not valid."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\", Bearer realm=\"Store Monitor\"";
        var detail = result.Failure is not null
            ? "The API key is not valid."
            : $"This call needs an API key: send it in the {HeaderName} header or as 'Authorization: Bearer <key>'.";
        await WriteProblemAsync("API key required", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteProblemAsync("Not allowed", $"This call needs a key with the {ApiRoles.Operator} role.");
    }

    /// <summary>
    /// The key from <c>X-API-Key</c>, else from <c>Authorization: Bearer</c>, else (hubs only) from <c>access_token</c>; null
    /// when none carries one. Only the hubs read the query: elsewhere a key in a URL would end up in logs and histories.
    /// </summary>
    public static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[HeaderName].ToString().Trim();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString().Trim();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length)
        {
            return authorization[bearer.Length..].Trim();
        }

        if (request.Path.StartsWithSegments(HubPathPrefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            var token = request.Query[AccessTokenParameter].ToString().Trim();
            return token.Length > 0 ? token : null;
        }

        return null;
    }

    private AuthenticateResult Success(string caller, string role)
    {
        var identity = new ClaimsIdentity([new Claim(CallerClaim, caller), new Claim(ClaimTypes.Role, role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task WriteProblemAsync(string title, string detail)
    {
        var context = new ProblemDetailsContext { HttpContext = Context };
        context.ProblemDetails.Status = Response.StatusCode;
        context.ProblemDetails.Title = title;
        context.ProblemDetails.Detail = detail;
        await problems.WriteAsync(context);
    }
}

using Microsoft.AspNetCore.Http.Features;

namespace StoreMonitor.Api.Security;

/// <summary>
/// The size limit of upload endpoints, <c>StoreMonitor:Limits:MaxUploadBytes</c>. An upload endpoint opts in with
/// <see cref="WithUploadSizeLimit"/>; a body declared larger is refused with a 413 problem before any of it is
/// read, and one that turns out larger while streaming fails the read (Kestrel then answers 413).
/// </summary>
public static class UploadLimits
{
    /// <summary>Marks an endpoint as an upload, so the upload size limit (not Kestrel's general one) applies to it.</summary>
    public static TBuilder WithUploadSizeLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(UploadEndpoint.Instance);

    public static IApplicationBuilder UseUploadLimits(this IApplicationBuilder app, long maxUploadBytes) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<UploadEndpoint>() is null)
        {
            await next(http);
            return;
        }

        if (http.Request.ContentLength > maxUploadBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            var context = new ProblemDetailsContext { HttpContext = http };
            context.ProblemDetails.Status = StatusCodes.Status413PayloadTooLarge;
            context.ProblemDetails.Title = "Upload too large";
            context.ProblemDetails.Detail = $"An upload may be at most {maxUploadBytes:N0} bytes ({RequestLimitSettings.SectionName}:MaxUploadBytes).";
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(context);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxUploadBytes;
        }

        await next(http);
    });

    private sealed class UploadEndpoint
    {
        public static readonly UploadEndpoint Instance = new();
    }
}

namespace StoreMonitor.Api.Endpoints;

internal static class EndpointRouteBuilderExtensions
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>A GET endpoint that answers HEAD too, with the same status and headers and no body (the server drops it).</summary>
    public static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, GetAndHead, handler);
}

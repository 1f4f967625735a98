using Microsoft.Extensions.FileProviders;

namespace StoreMonitor.Api.Hosting;

/// <summary>Serves the operator dashboard (<c>wwwroot</c>, embedded in the assembly) at <c>/</c>.</summary>
internal static class DashboardFiles
{
    public static IApplicationBuilder UseStoreMonitorDashboard(this IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(DashboardFiles).Assembly, "StoreMonitor.Api.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // A new build must reach the browser at once: revalidate instead of caching a stale script.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}

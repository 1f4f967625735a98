using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using StoreMonitor.Api.Security;
using StoreMonitor.Grains.Interfaces.Webhooks;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// Webhook subscriptions (docs/WEBHOOKS.md): create one (its secret shown once), list, show, delete, and its delivery
/// attempts. Operator key: a subscription sends the service's events to an address of the caller's choosing.
/// </summary>
public static class WebhookEndpoints
{
    private const string IdParameter = "id";

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/webhooks").WithTags("Webhooks").RequireOperator();
        webhooks.MapPost("", Create).WithName("CreateWebhook").DisableAntiforgery()
            .WithSummary("Subscribe a URL to events")
            .WithDescription("JSON {url, events, stores | store_prefix}. 201 with the subscription and its whsec_ secret, shown this once; deliveries are signed with it "
                + "(Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). 400 names the field and the rule; 409 when StoreMonitor:Live:Webhooks:MaxSubscriptions exist.")
            .AddOpenApiOperationTransformer(DescribeBody)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        webhooks.MapGetAndHead("", List).WithName("ListWebhooks")
            .WithSummary("List webhook subscriptions").WithDescription("Every subscription, oldest first, with its status (enabled or disabled, and why), pending, delivered, dropped and abandoned deliveries.");
        webhooks.MapGetAndHead($"/{{{IdParameter}}}", Get).WithName("GetWebhook")
            .WithSummary("Get a webhook subscription").WithDescription("The subscription and its delivery state; never its secret.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapGetAndHead($"/{{{IdParameter}}}/deliveries", Deliveries).WithName("GetWebhookDeliveries")
            .WithSummary("A webhook subscription's delivery attempts")
            .WithDescription("The latest attempts (StoreMonitor:Live:Webhooks:History), newest first: event id, attempt number, time, status code or error, outcome, next attempt; and the oldest 100 pending deliveries.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapDelete($"/{{{IdParameter}}}", Delete).WithName("DeleteWebhook")
            .WithSummary("Delete a webhook subscription").WithDescription("Stops its deliveries and forgets what it had queued.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task DescribeBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(WebhookRequestBody), cancellationToken: cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    private static async Task<Results<Created<WebhookCreated>, ProblemHttpResult>> Create(HttpRequest request, IGrainFactory grains)
    {
        var (subscription, problem) = await WebhookRequestReader.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var created = await Router(grains).Create(subscription!);
        if (created.Refusal is { } refusal)
        {
            return refusal.Field is { } field
                ? WebhookRequestReader.Invalid(field, refusal.Rule)
                : TypedResults.Problem(refusal.Rule, statusCode: StatusCodes.Status409Conflict, title: "Too many subscriptions");
        }

        var view = WebhookView.From(created.Subscription!);
        return TypedResults.Created($"/webhooks/{view.Id}", new WebhookCreated(view, created.Secret!));
    }

    private static async Task<Ok<WebhookList>> List(IGrainFactory grains) =>
        TypedResults.Ok(new WebhookList([.. (await Router(grains).List()).Select(WebhookView.From)]));

    private static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Get(string id, IGrainFactory grains)
    {
        if (await FindAsync(id, grains) is { } problem)
        {
            return problem;
        }

        return await grains.GetGrain<IWebhookSubscriptionGrain>(id).GetStatus() is { } status ? TypedResults.Ok(WebhookView.From(status)) : Unknown(id);
    }

    private static async Task<Results<Ok<WebhookDeliveriesView>, ProblemHttpResult>> Deliveries(string id, IGrainFactory grains)
    {
        if (await FindAsync(id, grains) is { } problem)
        {
            return problem;
        }

        return await grains.GetGrain<IWebhookSubscriptionGrain>(id).GetDeliveries() is { } deliveries
            ? TypedResults.Ok(WebhookDeliveriesView.From(id, deliveries))
            : Unknown(id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, IGrainFactory grains)
    {
        if (!WebhookIds.IsWellFormed(id))
        {
            return Malformed(id);
        }

        return await Router(grains).Delete(id) ? TypedResults.NoContent() : Unknown(id);
    }

    /// <summary>A problem when <paramref name="id"/> is malformed or not a subscription: a made-up id activates no subscription grain.</summary>
    private static async Task<ProblemHttpResult?> FindAsync(string id, IGrainFactory grains) =>
        !WebhookIds.IsWellFormed(id) ? Malformed(id)
        : !await Router(grains).Contains(id) ? Unknown(id)
        : null;

    private static IWebhookRouterGrain Router(IGrainFactory grains) => grains.GetGrain<IWebhookRouterGrain>(WebhookRouter.Key);

    private static ProblemHttpResult Malformed(string id) => TypedResults.Problem(
        $"'{(id.Length > 40 ? id[..40] + "…" : id)}' is not a subscription id; ids are {WebhookIds.Prefix} and 32 hex digits, as POST /webhooks answers.",
        statusCode: StatusCodes.Status400BadRequest, title: "Invalid subscription id");

    private static ProblemHttpResult Unknown(string id) => TypedResults.Problem(
        $"No webhook subscription '{id}': it was never created or has been deleted.", statusCode: StatusCodes.Status404NotFound, title: "Unknown subscription");
}

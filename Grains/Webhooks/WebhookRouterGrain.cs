using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// Keeps the subscriptions and routes events to them: each batch is matched against every subscription's filter and
/// each subscription's matches are handed to its grain in one call, all in parallel. While any subscription exists, a
/// reminder wakes them every minute, so a subscription whose activation was collected (or whose silo died) resumes
/// its pending deliveries; a silo start wakes them too (<see cref="WebhookHosting"/>), for the embedded host whose
/// reminders do not outlive the process.
/// </summary>
[GrainType(GrainTypeNames.WebhookRouter)]
public sealed partial class WebhookRouterGrain(
    [PersistentState(StateNames.WebhookRouter, StorageNames.Grains)] IPersistentState<WebhookRouterState> state,
    IClock clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookRouterGrain> logger) : Grain, IWebhookRouterGrain, IRemindable
{
    private const string SweepReminder = "webhook-sweep";
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMinutes(1);

    private readonly DurableState<WebhookRouterState> _subscriptions = new(state);

    // One per subscription routed to: batches that arrive while its last call is in flight go together.
    private readonly Dictionary<string, GroupedHandOff> _handOffs = new(StringComparer.Ordinal);

    // Rebuilt from the stored list after each change; Publish (which interleaves) reads whichever is current.
    private WebhookRoute[] _routes = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _routes = Compile(_subscriptions.Current);
        await KeepSweepAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SweepReminder)
        {
            await Wake();
        }
    }

    public async Task Publish(StoreEvent[] events)
    {
        var routes = _routes;
        if (routes.Length == 0 || events.Length == 0)
        {
            return;
        }

        var handOffs = new List<Task>(routes.Length);
        foreach (var route in routes)
        {
            var matched = Array.FindAll(events, route.Matches);
            if (matched.Length > 0)
            {
                handOffs.Add(HandOff(route.SubscriptionId).Add(matched));
            }
        }

        await Task.WhenAll(handOffs);
    }

    public async Task<WebhookCreation> Create(WebhookRequest request)
    {
        if (WebhookUrlRules.Problem(request.Url, options.Value) is { } problem)
        {
            return new WebhookCreation(null, null, new WebhookRefusal("url", problem));
        }

        var current = _subscriptions.Current.Subscriptions;
        if (current.Count >= options.Value.MaxSubscriptions)
        {
            return new WebhookCreation(null, null, new WebhookRefusal(null,
                $"There are {current.Count} subscriptions, the most {WebhookOptions.SectionName}:MaxSubscriptions allows; delete one first."));
        }

        var definition = new WebhookDefinition(WebhookIds.New(), request.Url, request.Filter, clock.GetCurrentInstant());
        var secret = WebhookSecret.New();
        var subscription = GrainFactory.GetGrain<IWebhookSubscriptionGrain>(definition.Id);
        // The subscription exists before the router routes to it, so every listed subscription can deliver.
        await subscription.Initialize(definition, secret);
        await _subscriptions.ReplaceAsync(new WebhookRouterState { Subscriptions = [.. current, definition] });
        _routes = Compile(_subscriptions.Current);
        await KeepSweepAsync();
        return new WebhookCreation(await subscription.GetStatus(), secret, null);
    }

    public async Task<WebhookStatus[]> List()
    {
        var statuses = await Task.WhenAll(_subscriptions.Current.Subscriptions.Select(definition =>
            GrainFactory.GetGrain<IWebhookSubscriptionGrain>(definition.Id).GetStatus()));
        return [.. statuses.OfType<WebhookStatus>()];
    }

    public Task<bool> HasSubscriptions() => Task.FromResult(_subscriptions.Current.Subscriptions.Count > 0);

    public Task<bool> Contains(string subscriptionId) =>
        Task.FromResult(_subscriptions.Current.Subscriptions.Exists(definition => definition.Id == subscriptionId));

    public async Task<bool> Delete(string subscriptionId)
    {
        var current = _subscriptions.Current.Subscriptions;
        var listed = current.Exists(definition => definition.Id == subscriptionId);
        if (listed)
        {
            // Routing stops first; then the queue goes. A failure between leaves state that deleting again removes.
            await _subscriptions.ReplaceAsync(new WebhookRouterState { Subscriptions = current.FindAll(definition => definition.Id != subscriptionId) });
            _routes = Compile(_subscriptions.Current);
            _handOffs.Remove(subscriptionId);
        }

        var removed = await GrainFactory.GetGrain<IWebhookSubscriptionGrain>(subscriptionId).Remove();
        await KeepSweepAsync();
        return listed || removed;
    }

    public async Task Wake()
    {
        var pending = await Task.WhenAll(_subscriptions.Current.Subscriptions.Select(definition =>
            GrainFactory.GetGrain<IWebhookSubscriptionGrain>(definition.Id).Wake()));
        if (pending.Any(waiting => waiting))
        {
            LogWoken(logger, pending.Count(waiting => waiting));
        }
    }

    private GroupedHandOff HandOff(string subscriptionId)
    {
        if (!_handOffs.TryGetValue(subscriptionId, out var handOff))
        {
            var subscription = GrainFactory.GetGrain<IWebhookSubscriptionGrain>(subscriptionId);
            handOff = new GroupedHandOff(subscription.Enqueue);
            _handOffs[subscriptionId] = handOff;
        }

        return handOff;
    }

    private static WebhookRoute[] Compile(WebhookRouterState stored) => [.. stored.Subscriptions.Select(definition => new WebhookRoute(definition))];

    /// <summary>Holds the sweep reminder while any subscription exists, and none otherwise.</summary>
    private async Task KeepSweepAsync()
    {
        try
        {
            if (_routes.Length > 0)
            {
                await this.RegisterOrUpdateReminder(SweepReminder, SweepPeriod, SweepPeriod);
            }
            else if (await this.GetReminder(SweepReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception error) when (error is ReminderException or OrleansException or TimeoutException)
        {
            // Deliveries still run from their own timers; the next change or activation tries again.
            LogSweepNotKept(logger, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} webhook subscriptions with pending deliveries")]
    private static partial void LogWoken(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook router could not keep its sweep reminder")]
    private static partial void LogSweepNotKept(ILogger logger, Exception error);
}

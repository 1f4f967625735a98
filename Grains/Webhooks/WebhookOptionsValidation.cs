using Microsoft.Extensions.Options;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>Stops a silo whose webhook settings cannot work, before it starts, with every reason at once.</summary>
public sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}

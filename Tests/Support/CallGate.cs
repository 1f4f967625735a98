using Microsoft.Extensions.DependencyInjection;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// Holds calls of one grain method on one grain at the silo's door until the test releases them: a store made slow on
/// purpose, so that a report and an ingestion run certainly overlap. Install with <see cref="Install"/>.
/// </summary>
public sealed class CallGate(string method, string grainKey)
{
    private readonly string _method = method;
    private readonly string _grainKey = grainKey;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first held call arrives.</summary>
    public Task Entered => _entered.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public void Release() => _released.TrySetResult();

    /// <summary>Adds a filter to the silo that passes every call through <paramref name="gates"/>' current gate.</summary>
    public static void Install(ISiloBuilder silo, Func<CallGate?> gates) => Install(silo.Services, gates);

    /// <summary>The same for a host whose silo is already wired (an <see cref="ApiHost"/>'s, from its configureBuilder hook).</summary>
    public static void Install(IServiceCollection services, Func<CallGate?> gates) =>
        services.AddSingleton<IIncomingGrainCallFilter>(new GateFilter(gates));

    private sealed class GateFilter(Func<CallGate?> gates) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (gates() is { } gate
                && (context.InterfaceMethod?.Name ?? context.MethodName) == gate._method
                && context.TargetId.Key.ToString() == gate._grainKey)
            {
                gate._entered.TrySetResult();
                await gate._released.Task;
            }

            await context.Invoke();
        }
    }
}

namespace StoreMonitor.Api.Endpoints;

/// <summary>The cluster as its membership sees it, with how the store grains are spread over the silos.</summary>
public sealed record ClusterView(int StoreGrains, SiloView[] Silos);

/// <summary>
/// One silo: its address (<c>ip:port@generation</c>), membership status (<c>Active</c>, <c>Dead</c>, …), gateway
/// port, and the grains active on it (store grains counted apart; only a live silo has any).
/// </summary>
public sealed record SiloView(
    string Address,
    string Name,
    string Status,
    int GatewayPort,
    string StartedAt,
    string LastAlive,
    int StoreGrains,
    int Activations);

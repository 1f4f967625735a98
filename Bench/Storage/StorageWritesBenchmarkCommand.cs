using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using StoreMonitor.Bench.Service;
using StoreMonitor.Grains.Hosting;

namespace StoreMonitor.Bench.Storage;

/// <summary>
/// <c>storage-writes</c>: the cost of one grain-state write in isolation, through the silo's own grain storage (the
/// provider and whatever the silo puts in front of it), without grains, messages or ingestion around it. Writes N new
/// grain states (the insert path), then each again U times (the update path, as each hourly refresh does, a few bytes
/// longer each time as a store's state grows by a poll), with C writes in flight, and prints writes/s, wall and CPU
/// time per write of this process. Run it against a database of its own: it leaves its rows behind under a grain type
/// no grain uses.
/// </summary>
internal static class StorageWritesBenchmarkCommand
{
    private const string Usage = """
        usage: storage-writes --storage postgres|sqlite --connection CS [--writes N] [--updates U] [--concurrency C] [--payload BYTES]
          --writes N         grain states written, then rewritten (default 20000)
          --updates U        times each state is rewritten, 6 bytes longer each time (default 1)
          --concurrency C    writes in flight at once (default 256; a silo's ingestion keeps hundreds in flight)
          --payload BYTES    bytes of state each (default 1700, a store with 8 days of hourly polls)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        string? storage = null, connection = null;
        int writes = 20_000, updates = 1, concurrency = 256, payload = 1700;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            var ok = args[i] switch
            {
                "--storage" => (storage = value) is not null,
                "--connection" => (connection = value) is not null,
                "--writes" => int.TryParse(value, CultureInfo.InvariantCulture, out writes) && writes > 0,
                "--updates" => int.TryParse(value, CultureInfo.InvariantCulture, out updates) && updates > 0,
                "--concurrency" => int.TryParse(value, CultureInfo.InvariantCulture, out concurrency) && concurrency > 0,
                "--payload" => int.TryParse(value, CultureInfo.InvariantCulture, out payload) && payload >= 0,
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine($"storage-writes: bad option {args[i]} {value}");
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }

        if (storage is null || connection is null || args.Length % 2 != 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(HostArguments.WithDefaults([]));
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(BenchSilo.FreePort(), BenchSilo.FreePort(), serviceId: "store-monitor-storage-bench", clusterId: "storage-bench");
            silo.AddStoreMonitorGrains(storage, connection);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grainStorage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var run = Guid.NewGuid().ToString("N")[..8];
        var states = Enumerable.Range(0, writes)
            .Select(i => new GrainState<byte[]>(Payload(i, payload)))
            .ToArray();

        // A poll stored costs about 6 bytes, so each hourly rewrite of a store is a little longer than the last.
        const int BytesPerPoll = 6;

        Console.WriteLine($"storage-writes: {storage}, {writes:N0} writes of {payload:N0} bytes, then {updates} rewrites each, {concurrency} in flight");
        Console.WriteLine("| path | writes/s | wall µs per write | CPU µs per write (this process) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var round in Enumerable.Range(0, updates + 1))
        {
            var path = round == 0 ? "insert" : updates == 1 ? "update" : $"update {round}";
            for (var i = 0; round > 0 && i < states.Length; i++)
            {
                states[i].State = Payload(i, payload + (round * BytesPerPoll));
            }

            var wall = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            await Parallel.ForEachAsync(
                Enumerable.Range(0, writes),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                async (i, _) => await grainStorage.WriteStateAsync("storagebench", GrainId.Create("storagebench", $"{run}-{i}"), states[i]));
            wall.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {path} | {writes / wall.Elapsed.TotalSeconds:N0} | {wall.Elapsed.TotalMicroseconds / writes:N0} | {cpu.TotalMicroseconds / writes:N0} |"));
        }

        await host.StopAsync();
        return 0;
    }

    private static byte[] Payload(int seed, int length)
    {
        // Not compressible to nothing, as a store's encoded polls are not.
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

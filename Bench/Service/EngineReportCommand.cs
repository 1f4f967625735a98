using System.Security.Cryptography;
using NodaTime.Text;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Bench.Service;

/// <summary>
/// <c>engine-report</c>: the report computed straight from the CSV files with the uptime engine (<see cref="EngineReference"/>),
/// for the scripts that check a running service's report byte for byte (the cluster's scale run).
/// </summary>
internal static class EngineReportCommand
{
    private const string Usage = """
        usage: engine-report --data DIR --out FILE [--as-of INSTANT]
          writes the engine's report over DIR's CSVs to FILE, as of INSTANT (ISO 8601, e.g. 2023-01-25T18:13:22Z) or the latest poll
        """;

    public static int Run(string[] args)
    {
        string? data = null, output = null, asOf = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--data" when value is not null:
                    data = value;
                    break;
                case "--out" when value is not null:
                    output = value;
                    break;
                case "--as-of" when value is not null:
                    asOf = value;
                    break;
                default:
                    Console.Error.WriteLine($"engine-report: unknown option or missing value: {args[i]}");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (data is null || output is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        NodaTime.Instant? at = null;
        if (asOf is not null)
        {
            var parsed = InstantPattern.ExtendedIso.Parse(asOf);
            if (!parsed.Success)
            {
                Console.Error.WriteLine($"engine-report: --as-of {asOf}: {parsed.Exception.Message}");
                return 2;
            }

            at = parsed.Value;
        }

        var report = EngineReference.Compute(data, at);
        File.WriteAllBytes(output, report);
        Console.WriteLine($"{Convert.ToHexStringLower(SHA256.HashData(report))}  {output}");
        return 0;
    }
}

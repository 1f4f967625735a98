using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Security;

/// <summary>A real API host with a reader key and an operator key (configured by its SHA-256), and its logs captured.</summary>
public sealed class SecuredHost : IAsyncDisposable
{
    public const string ReaderKey = "reader-2b9f3c1e7a6d";
    public const string OperatorKey = "operator-8d41e0c5f972";

    private readonly TempDirectory _data;
    private readonly TempDirectory _database;

    private SecuredHost(ApiHost host, LogCapture logs, TempDirectory data, TempDirectory database)
    {
        Host = host;
        Logs = logs;
        _data = data;
        _database = database;
        Reader = host.CreateClient(ReaderKey);
        Operator = host.CreateClient(OperatorKey);
    }

    public ApiHost Host { get; }

    public LogCapture Logs { get; }

    public string DataDirectory => _data.Path;

    public HttpClient Reader { get; }

    public HttpClient Operator { get; }

    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Starts a host over a small dataset with both keys; <paramref name="extraArgs"/> add to or override the defaults.</summary>
    public static async Task<SecuredHost> StartAsync(int stores, params string[] extraArgs)
    {
        var data = new TempDirectory();
        var database = new TempDirectory();
        TestDataset.Write(data.Path, stores, seed: 5);
        var logs = new LogCapture();
        string[] args =
        [
            $"--StoreMonitor:Auth:Keys:0:Key={ReaderKey}",
            "--StoreMonitor:Auth:Keys:0:Role=reader",
            $"--StoreMonitor:Auth:Keys:1:KeyHash={Sha256Hex(OperatorKey)}",
            "--StoreMonitor:Auth:Keys:1:Role=operator",
            .. extraArgs,
        ];
        var host = await ApiHost.StartAsync(data.Path, database.File("storemonitor.db"), builder =>
        {
            builder.Logging.AddProvider(logs);
            // Everything ASP.NET Core says about a request, down to Trace; the rest at Information.
            builder.Logging.AddFilter<LogCapture>(null, LogLevel.Information);
            builder.Logging.AddFilter<LogCapture>("Microsoft.AspNetCore", LogLevel.Trace);
        }, configureApp: null, args);
        var secured = new SecuredHost(host, logs, data, database);
        await host.WaitForIngestionAsync(secured.Operator);
        return secured;
    }

    public async ValueTask DisposeAsync()
    {
        Reader.Dispose();
        Operator.Dispose();
        await Host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }
}

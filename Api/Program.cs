using StoreMonitor.Api.Hosting;

var app = StoreMonitorApi.Build(args);
app.Run();

namespace StoreMonitor.Tests.Support;

/// <summary>Waiting on a condition with a deadline, never on a sleep that carries the assertion.</summary>
public static class Waits
{
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{what} did not happen within {timeout}");
            await Task.Delay(100);
        }
    }
}

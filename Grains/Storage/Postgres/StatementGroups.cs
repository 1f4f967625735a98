using System.Threading.Channels;
using Npgsql;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>
/// Runs one kind of statement for many callers in groups: the requests that queue up while a group runs go together
/// in one <see cref="NpgsqlBatch"/> (one round trip), where the provider alone pays a round trip, and for a write a
/// commit, each. A few groups run at once on their own connections, so the server can use more than one core.
/// <para>
/// Each caller gets its own outcome. If the server refuses a statement of a group (or its commit), it has rolled the
/// group back: each request of it runs again alone, so the one that failed fails only its own caller. If the
/// connection or the server fails, every request of the group fails with that error: none is acknowledged, whether
/// or not a write reached the disk.
/// </para>
/// </summary>
internal abstract class StatementGroups<TRequest, TResult> : IAsyncDisposable
{
    /// <summary>
    /// Large enough to amortise the round trip and the commit, small enough that a group holds its row locks for
    /// milliseconds and its message stays far below any size limit.
    /// </summary>
    internal const int MostPerGroup = 256;

    /// <summary>
    /// Groups run at once, each on its own connection: while one group's statements run on the server, the next one
    /// gathers and can run on another core.
    /// </summary>
    internal const int ConcurrentGroups = 2;

    private readonly Channel<Queued> _pending = Channel.CreateUnbounded<Queued>();
    private readonly Task[] _runners;
    private readonly SemaphoreSlim _statementLoad = new(1, 1);
    private readonly string _queryKey;
    private PositionalStatement? _statement;

    /// <param name="source">The database, as the provider is configured with it; owned by the caller.</param>
    /// <param name="queryKey">The <c>OrleansQuery</c> row holding the statement: the provider's own, read where it reads it.</param>
    protected StatementGroups(NpgsqlDataSource source, string queryKey)
    {
        Source = source;
        _queryKey = queryKey;
        _runners = [.. Enumerable.Range(0, ConcurrentGroups).Select(_ => Task.Run(RunUntilCompletedAsync))];
    }

    protected NpgsqlDataSource Source { get; }

    /// <summary>Runs what is already queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_pending.Writer.TryComplete())
        {
            await Task.WhenAll(_runners).ConfigureAwait(false);
            _statementLoad.Dispose();
        }
    }

    /// <summary>Queues <paramref name="request"/>; completes with its result once its group has run (and committed).</summary>
    protected Task<TResult> EnqueueAsync(TRequest request)
    {
        var queued = new Queued(request);
        if (!_pending.Writer.TryWrite(queued))
        {
            throw new ObjectDisposedException(GetType().Name, "The silo's PostgreSQL grain-state queue has stopped.");
        }

        return queued.Result;
    }

    /// <summary>Runs <paramref name="statement"/> once per request, in one batch, and returns the results in order.</summary>
    protected abstract Task<TResult[]> RunGroupAsync(PositionalStatement statement, IReadOnlyList<TRequest> group);

    private async Task RunUntilCompletedAsync()
    {
        var group = new List<Queued>(MostPerGroup);
        var reader = _pending.Reader;
        // False once the queue is completed and empty: every request accepted before has run.
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (group.Count < MostPerGroup && reader.TryRead(out var queued))
            {
                group.Add(queued);
            }

            if (group.Count > 0)
            {
                await RunAsync(group).ConfigureAwait(false);
                group.Clear();
            }
        }
    }

    private async Task RunAsync(List<Queued> group)
    {
        TResult[] results;
        try
        {
            results = await RunGroupAsync(await StatementAsync().ConfigureAwait(false), [.. group.Select(queued => queued.Request)]).ConfigureAwait(false);
        }
        catch (PostgresException) when (group.Count > 1)
        {
            foreach (var queued in group)
            {
                await RunAloneAsync(queued).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception error)
        {
            foreach (var queued in group)
            {
                queued.Fail(error);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Complete(results[i]);
        }
    }

    private async Task RunAloneAsync(Queued queued)
    {
        try
        {
            queued.Complete((await RunGroupAsync(await StatementAsync().ConfigureAwait(false), [queued.Request]).ConfigureAwait(false))[0]);
        }
        catch (Exception error)
        {
            queued.Fail(error);
        }
    }

    // The provider's statement, from where the provider takes it: a deployment that replaced it is followed here too.
    private async ValueTask<PositionalStatement> StatementAsync()
    {
        if (_statement is { } loaded)
        {
            return loaded;
        }

        await _statementLoad.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_statement is null)
            {
                await using var command = Source.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key");
                command.Parameters.AddWithValue("key", _queryKey);
                var text = await command.ExecuteScalarAsync().ConfigureAwait(false) as string
                    ?? throw new InvalidOperationException($"OrleansQuery has no {_queryKey} row; the grain-storage schema is not installed.");
                _statement = PositionalStatement.From(text);
            }

            return _statement;
        }
        finally
        {
            _statementLoad.Release();
        }
    }

    private sealed class Queued(TRequest request)
    {
        // Continuations run on the thread pool, never on a runner's loop.
        private readonly TaskCompletionSource<TResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TRequest Request { get; } = request;

        public Task<TResult> Result => _result.Task;

        public void Complete(TResult result) => _result.TrySetResult(result);

        public void Fail(Exception error) => _result.TrySetException(error);
    }
}

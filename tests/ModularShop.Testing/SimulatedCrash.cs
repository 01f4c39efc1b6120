using System.Data;
using System.Data.Common;
using Npgsql;

namespace ModularShop.Testing;

/// <summary>Where a <see cref="SimulatedCrash"/> stops an idempotent request.</summary>
public enum CrashPoint
{
    /// <summary>The work is done and its response recorded in the transaction, which is not committed yet.</summary>
    BeforeCommit,

    /// <summary>Work and record are committed; the response has not been sent.</summary>
    AfterCommit,
}

/// <summary>
/// One idempotent request that "dies" at a <see cref="CrashPoint"/> (armed with
/// <see cref="CrashableShopFactory.CrashAt"/>): it stops there and, after <see cref="KillSessionAsync"/>, has lost its
/// database session as a dead process would (PostgreSQL rolls back whatever it had not committed). Its code never
/// goes on, until <see cref="Bury"/> lets it fail so the test can end.
/// </summary>
public sealed class SimulatedCrash(CrashPoint point, string key)
{
    private readonly TaskCompletionSource<int?> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _buried = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CrashPoint Point { get; } = point;

    public string Key { get; } = key;

    /// <summary>Waits until the request stopped at the crash point (at most 30 s).</summary>
    public Task ReachedAsync() => _reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>
    /// Terminates the stopped request's database session, if it holds one (before the commit it does: the open
    /// transaction), and waits until PostgreSQL has ended it.
    /// </summary>
    public async Task KillSessionAsync(string connectionString)
    {
        if (await _reached.Task.WaitAsync(TimeSpan.FromSeconds(30)) is not { } pid)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection))
        {
            kill.Parameters.AddWithValue("pid", pid);
            await kill.ExecuteNonQueryAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var alive = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid", connection);
            alive.Parameters.AddWithValue("pid", pid);
            if ((long)(await alive.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The session {pid} of the crashed request did not end.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Lets the dead request's code continue only to throw, so that its HTTP call ends (with a 500).</summary>
    public void Bury() => _buried.TrySetResult();

    internal async Task StopHereAsync(DbConnection connection)
    {
        _reached.TrySetResult(connection is NpgsqlConnection { State: ConnectionState.Open } open ? open.ProcessID : null);
        await _buried.Task;
        throw new InvalidOperationException($"Simulated crash {Point} of the request with Idempotency-Key {Key}.");
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// Stops a command whose text parameters PostgreSQL would refuse while binding them — a NUL character in text, a
/// <c>\u0000</c> escape in JSON — before it is sent, with an <see cref="UnstorableTextException"/> (a 400). PostgreSQL's
/// own refusal would be the same answer, but inside a batched, auto-prepared statement (every <c>SaveChanges</c>) it
/// trips an Npgsql 10.0.3 bug that leaves the pooled connection out of step with the server: a later, valid request on
/// that connection then fails with "Received unexpected backend message" (reproduced; docs/benchmarks.md →
/// "Auto-prepare").
/// </summary>
internal sealed class UnstorableTextGuard : DbCommandInterceptor
{
    public static readonly UnstorableTextGuard Instance = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.Value is string text && Unstorable(text, parameter))
            {
                throw new UnstorableTextException(parameter.ParameterName);
            }
        }
    }

    private static bool Unstorable(string text, DbParameter parameter) =>
        text.Contains('\0', StringComparison.Ordinal)
        || (parameter is NpgsqlParameter { NpgsqlDbType: NpgsqlDbType.Jsonb or NpgsqlDbType.Json }
            && text.Contains("\\u0000", StringComparison.Ordinal));
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Http;

/// <summary>
/// The last line of defence for what handlers cannot see coming: an optimistic-concurrency loss or a
/// unique/check constraint hit by a concurrent writer is a 409, text PostgreSQL cannot store (a NUL
/// character) a 400 — never a 500. The answers name no table, index or constraint (those stay in the log):
/// a handler that checks a unique value turns the race into its own domain error
/// (<see cref="Persistence.UniqueViolations.SaveChangesOrRecheckAsync"/>); what reaches this handler gets a generic one.
/// </summary>
internal sealed class DatabaseExceptionHandler(IProblemDetailsService problemDetails, ILogger<DatabaseExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var pgError = exception as PostgresException ?? (exception as DbUpdateException)?.InnerException as PostgresException;
        if (pgError?.SqlState is PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter
            || exception is UnstorableTextException || exception.InnerException is UnstorableTextException)
        {
            return await WriteAsync(httpContext, exception, StatusCodes.Status400BadRequest, Error.ValidationCode,
                "The request contains text that cannot be stored (for example a NUL character, \\u0000).");
        }

        var (code, detail) = exception switch
        {
            DbUpdateConcurrencyException => ("concurrency.conflict", "The resource was changed concurrently. Reload it and try again."),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
                ("conflict.duplicate", "A resource with the same unique value already exists."),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.CheckViolation } } =>
                ("conflict.rule", "The change violates a business rule."),
            _ when pgError?.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
                ("concurrency.conflict", "The request conflicted with a concurrent change. Try again."),
            _ => (null, null),
        };
        if (code is null)
        {
            return false;
        }

        if (code == "concurrency.conflict")
        {
            // Nothing was kept: the same request may simply be sent again.
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await WriteAsync(httpContext, exception, StatusCodes.Status409Conflict, code, detail!);
    }

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, int status, string code, string detail)
    {
        logger.LogInformation(exception, "Database refused the change on {Path}: {Code} ({Constraint})", httpContext.Request.Path, code,
            (exception as PostgresException ?? exception.InnerException as PostgresException)?.ConstraintName);
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = Problems.Create(status, code, detail),
        });
    }
}

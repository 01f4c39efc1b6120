using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Security;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// The endpoint filter behind <see cref="Idempotency.WithIdempotencyStore{TStore}"/>. Claims the key (a statement of
/// its own), begins the work's transaction, runs the handler in it, executes its result into a buffer to capture
/// status, headers and body, then records that response in the same transaction and commits effect and record
/// together — or rolls everything back and releases the key when nothing ran or the outcome may differ on retry.
/// Only then is the buffer sent.
/// </summary>
internal sealed class IdempotencyFilter<TStore>(ILogger<IdempotencyFilter<TStore>> logger) : IEndpointFilter
    where TStore : class, IIdempotencyStore
{
    private static readonly Error InFlight =
        new("idempotency.in_flight", "A request with this Idempotency-Key is still being processed. Retry later.", ErrorKind.Conflict)
        {
            RetryAfter = TimeSpan.FromSeconds(1),
        };

    private static readonly Error KeyReused = Error.Unprocessable(
        "idempotency.key_reused", "This Idempotency-Key was already used for a different request (method, path or body). Use a new key for a new request.");

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.Headers.TryGetValue(Idempotency.KeyHeader, out var values)
            ? InvokeWithKeyAsync(context, next, values.Count == 1 ? values[0] : null, values.Count)
            : next(context);

    private async ValueTask<object?> InvokeWithKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string? value, int count)
    {
        var http = context.HttpContext;
        var invalid = count > 1 ? "Send exactly one Idempotency-Key header." : Idempotency.Validate(value);
        if (invalid is not null)
        {
            return Error.Validation(Idempotency.KeyHeader, invalid).ToProblem();
        }

        var services = http.RequestServices;
        var store = services.GetService<TStore>()
            ?? throw new InvalidOperationException($"The idempotency store {typeof(TStore).Name} is not registered (AddBuildingBlocksInfrastructure registers the module stores).");
        var key = new IdempotencyKey(Idempotency.ScopeOf(http, services.GetRequiredService<ICurrentUser>()), value!);
        var fingerprint = await FingerprintAsync(http.Request, http.RequestAborted);

        var claim = await store.ClaimAsync(key, fingerprint, http.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyClaimOutcome.KeyReused:
                return KeyReused.ToProblem();
            case IdempotencyClaimOutcome.InFlight:
                return InFlight.ToProblem();
            case IdempotencyClaimOutcome.Completed:
                await ReplayAsync(http.Response, claim.Response!, http.RequestAborted);
                return TypedResults.Empty;
        }

        var response = await RunAsync(context, next, store, key, claim.ClaimId);
        if (response is null)
        {
            // A retry took the claim over while this request ran; its work was rolled back, the retry's counts.
            return InFlight.ToProblem();
        }

        await WriteBodyAsync(http.Response, response.Body, http.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>The response to send, or null when the claim was taken over (nothing of this request's work is kept).</summary>
    private async Task<IdempotentResponse?> RunAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, TStore store, IdempotencyKey key, Guid claimId)
    {
        var http = context.HttpContext;
        IIdempotencyTransaction transaction;
        try
        {
            transaction = await store.BeginAsync(key, claimId, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch
        {
            await ReleaseAsync(store, key, claimId);
            throw;
        }

        await using (transaction)
        {
            var original = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            using var buffer = new MemoryStream();
            var capture = new StreamResponseBodyFeature(buffer, original);
            http.Features.Set<IHttpResponseBodyFeature>(capture);
            try
            {
                var result = await next(context);
                await ExecuteAsync(result, http);
                await capture.CompleteAsync();
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                // The client went away while the handler ran: nothing has committed (the commit comes after the record,
                // and is not cancellable), so the work is rolled back and the key released — a retry runs it at once.
                http.Features.Set(original);
                await DiscardAsync(transaction, store, key, claimId);
                throw;
            }
            catch
            {
                // Becomes a 500 (or the exception handlers' answer): nothing is kept, a retry runs again.
                http.Features.Set(original);
                await DiscardAsync(transaction, store, key, claimId);
                throw;
            }

            http.Features.Set(original);
            var status = http.Response.StatusCode;
            var response = new IdempotentResponse(
                status,
                http.Response.ContentType,
                http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                buffer.ToArray());
            if (IsReleased(status))
            {
                await DiscardAsync(transaction, store, key, claimId);
                return response;
            }

            bool recorded;
            try
            {
                recorded = await transaction.RecordAsync(response);
            }
            catch
            {
                // Nothing committed: like any failure, nothing is kept and a retry runs again.
                await DiscardAsync(transaction, store, key, claimId);
                throw;
            }

            if (!recorded)
            {
                // A retry took the claim over while this request ran (it looked crashed): the retry's run counts.
                logger.LogWarning("Idempotency key {Key} was taken over while its first request ran; that request's work is rolled back", key.Key);
                await RollbackAsync(transaction, key);
                ForgetCapturedHeaders(http.Response);
                return null;
            }

            try
            {
                // Effect and record commit together, before anything is sent: a client that sees the answer and
                // retries at once gets the replay, and a crash before this commit leaves no effect behind.
                await transaction.CommitAsync();
            }
            catch (Exception ex)
            {
                // Whether the commit took effect is unknown, so the key is not released: it stays in flight until
                // InFlightTimeout, then a retry replays (committed) or runs the work (not committed).
                logger.LogError(ex, "Committing the work of idempotency key {Key} failed; it stays in flight until InFlightTimeout", key.Key);
                throw;
            }

            return response;
        }
    }

    /// <summary>
    /// Not remembered: 400 (invalid input, nothing ran), 401/403 (not allowed, nothing ran), 429 and 5xx
    /// (transient). Everything else is an outcome of work that ran and is replayed.
    /// </summary>
    internal static bool IsReleased(int status) =>
        status is StatusCodes.Status400BadRequest or StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            or StatusCodes.Status429TooManyRequests or >= 500;

    /// <summary>
    /// Rolls the work back, then forgets the key. The work never commits on this path (only <c>CommitAsync</c> does),
    /// so the key is released even if the rollback failed (the database rolls back when the session ends); a failed
    /// release leaves the key in flight until InFlightTimeout.
    /// </summary>
    private async Task DiscardAsync(IIdempotencyTransaction transaction, TStore store, IdempotencyKey key, Guid claimId)
    {
        await RollbackAsync(transaction, key);
        await ReleaseAsync(store, key, claimId);
    }

    private async Task RollbackAsync(IIdempotencyTransaction transaction, IdempotencyKey key)
    {
        try
        {
            await transaction.RollbackAsync();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not roll back the work of idempotency key {Key}", key.Key);
        }
    }

    private async Task ReleaseAsync(TStore store, IdempotencyKey key, Guid claimId)
    {
        try
        {
            await store.ReleaseAsync(key, claimId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not release idempotency key {Key}; it stays in flight until InFlightTimeout", key.Key);
        }
    }

    /// <summary>Undoes what the handler's result set on the (not yet started) response, before another answer is written.</summary>
    private static void ForgetCapturedHeaders(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = null;
        response.ContentLength = null;
        response.Headers.Remove(HeaderNames.Location);
        response.Headers.Remove(HeaderNames.ETag);
    }

    private static Task ExecuteAsync(object? result, HttpContext http) => result switch
    {
        IResult r => r.ExecuteAsync(http),
        null => Task.CompletedTask,
        string text => TypedResults.Text(text).ExecuteAsync(http),
        _ => TypedResults.Ok(result).ExecuteAsync(http),
    };

    private static async Task ReplayAsync(HttpResponse response, IdempotentResponse stored, CancellationToken cancellationToken)
    {
        response.StatusCode = stored.StatusCode;
        response.ContentType = stored.ContentType;
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        if (stored.ETag is not null)
        {
            response.Headers.ETag = stored.ETag;
        }

        response.Headers[Idempotency.ReplayedHeader] = "true";
        await WriteBodyAsync(response, stored.Body, cancellationToken);
    }

    private static async Task WriteBodyAsync(HttpResponse response, byte[] body, CancellationToken cancellationToken)
    {
        if (body.Length > 0)
        {
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, cancellationToken);
        }
    }

    /// <summary>
    /// SHA-256 over method, path, query string, <c>If-Match</c> (a retry after reloading a stale version is a new
    /// request, not the replay of the first one's 409) and the raw body bytes.
    /// </summary>
    internal static async Task<byte[]> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.PathBase}{request.Path}{request.QueryString}\n{request.Headers.IfMatch}\n"));
        var body = request.Body;
        if (!body.CanSeek)
        {
            throw new InvalidOperationException("The request body is not buffered; WithIdempotency() enables buffering before binding.");
        }

        body.Position = 0;
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        body.Position = 0;
        return hash.GetHashAndReset();
    }
}

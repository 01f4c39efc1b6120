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
/// The endpoint filter behind <see cref="Idempotency.WithIdempotency"/>. Claims the key, runs the handler,
/// executes its result into a buffer to capture status, headers and body, stores that (or releases the key
/// when nothing ran or the outcome may differ on retry), then sends it.
/// </summary>
internal sealed class IdempotencyFilter(ILogger<IdempotencyFilter> logger) : IEndpointFilter
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
        var store = services.GetService<IIdempotencyStore>()
            ?? throw new InvalidOperationException("WithIdempotency() needs an IIdempotencyStore (AddBuildingBlocksInfrastructure registers one).");
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
        await WriteBodyAsync(http.Response, response.Body, http.RequestAborted);
        return TypedResults.Empty;
    }

    private async Task<IdempotentResponse> RunAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, IIdempotencyStore store, IdempotencyKey key, Guid claimId)
    {
        var http = context.HttpContext;
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
            // The client went away mid-request: whether the work committed is unknown, so the key stays in
            // flight (a retry gets 409) until InFlightTimeout rather than running the work again at once.
            http.Features.Set(original);
            throw;
        }
        catch
        {
            // Becomes a 500 (or the exception handlers' answer): nothing to remember, a retry runs again.
            http.Features.Set(original);
            await ReleaseAsync(store, key, claimId);
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
            await ReleaseAsync(store, key, claimId);
            return response;
        }

        try
        {
            // Stored before it is sent: a client that sees the answer and retries at once gets the replay.
            await store.CompleteAsync(key, claimId, response, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The work is done; the client still gets its answer. The key stays in flight until InFlightTimeout.
            logger.LogError(ex, "Could not store the idempotent response for key {Key}", key.Key);
        }

        return response;
    }

    /// <summary>
    /// Not remembered: 400 (invalid input, nothing ran), 401/403 (not allowed, nothing ran), 429 and 5xx
    /// (transient). Everything else is an outcome of work that ran and is replayed.
    /// </summary>
    internal static bool IsReleased(int status) =>
        status is StatusCodes.Status400BadRequest or StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            or StatusCodes.Status429TooManyRequests or >= 500;

    private async Task ReleaseAsync(IIdempotencyStore store, IdempotencyKey key, Guid claimId)
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

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Stripe-style idempotency for creating <c>POST</c>s (API.md, "Conventions"; docs/idempotency.md). An endpoint
/// opts in with <c>WithIdempotency&lt;TContext&gt;()</c> (<c>ModularShop.BuildingBlocks.Infrastructure.Idempotency</c>),
/// which builds on <see cref="WithIdempotencyStore{TStore}"/>; a request without the <c>Idempotency-Key</c> header is
/// untouched.
/// </summary>
public static class Idempotency
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>
    /// Honours an optional <c>Idempotency-Key</c> header with the per-request <typeparamref name="TStore"/> (resolved
    /// from the request's services): a retry with the same key and body replays the first response
    /// (<c>Idempotent-Replayed: true</c>) without running the handler again; while the first still runs it is 409,
    /// with another body 422. Runs after authentication and authorization, before the handler and any filter added
    /// after it. Documents the header and the 409/422 answers in OpenAPI. Endpoints use
    /// <c>WithIdempotency&lt;TContext&gt;()</c>, which names the store of their module's schema.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotencyStore<TStore>(this RouteHandlerBuilder builder)
        where TStore : class, IIdempotencyStore
    {
        builder.Add(endpoint =>
        {
            endpoint.Metadata.Add(IdempotentEndpointMetadata.Instance);

            // The body is bound before endpoint filters run; buffer it first so the filter can hash the raw bytes.
            var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException("Idempotency needs a route handler.");
            endpoint.RequestDelegate = context =>
            {
                if (context.Request.Headers.ContainsKey(KeyHeader))
                {
                    context.Request.EnableBuffering();
                }

                return inner(context);
            };
        });
        return builder
            .AddEndpointFilter<IdempotencyFilter<TStore>>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>
    /// Makes the <c>Idempotency-Key</c> header mandatory: a request without it is refused with 400 problem details naming
    /// the header, before anything runs. For operations a client must be able to retry safely (a checkout, which
    /// charges money). Call it before <c>WithIdempotency&lt;TContext&gt;()</c>; OpenAPI then documents the header as required.
    /// </summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder)
    {
        builder.Add(endpoint => endpoint.Metadata.Add(RequiredIdempotencyKeyMetadata.Instance));
        return builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers.ContainsKey(KeyHeader)
                ? await next(context)
                : Kernel.Error.Validation(KeyHeader, "Required here: send a unique key (a UUID) per operation, and the same key when you retry it.").ToProblem());
    }

    /// <summary>
    /// The key's scope: the token's <c>sub</c> for a signed-in caller, else the client address as the rate
    /// limiter sees it (forwarded headers of known proxies applied, IPv6 per /64).
    /// </summary>
    internal static string ScopeOf(HttpContext context, Kernel.ICurrentUser user) =>
        user.UserId is { } id ? $"user:{id:N}" : $"client:{RateLimitingSetup.ClientAddress(context)}";

    /// <summary>Why <paramref name="key"/> is not acceptable, or null when it is.</summary>
    internal static string? Validate(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "Must not be empty.";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"Must be at most {MaxKeyLength} characters.";
        }

        return key.Any(char.IsControl) ? "Must not contain control characters." : null;
    }
}

/// <summary>Marks an endpoint that refuses a request without <c>Idempotency-Key</c> (read by the OpenAPI transformer).</summary>
internal sealed class RequiredIdempotencyKeyMetadata
{
    public static RequiredIdempotencyKeyMetadata Instance { get; } = new();

    private RequiredIdempotencyKeyMetadata()
    {
    }
}

/// <summary>Marks an endpoint that honours <c>Idempotency-Key</c> (read by the OpenAPI transformer).</summary>
internal sealed class IdempotentEndpointMetadata
{
    public static IdempotentEndpointMetadata Instance { get; } = new();

    private IdempotentEndpointMetadata()
    {
    }
}

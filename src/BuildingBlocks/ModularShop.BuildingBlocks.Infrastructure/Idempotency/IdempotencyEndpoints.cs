using Microsoft.AspNetCore.Builder;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Http;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

public static class IdempotencyEndpoints
{
    /// <summary>
    /// Honours an optional <c>Idempotency-Key</c> header (docs/idempotency.md): a retry with the same key and body
    /// replays the first response (<c>Idempotent-Replayed: true</c>) without running the handler again; while the first
    /// still runs it is 409, with another body 422. The key is kept in <typeparamref name="TContext"/>'s schema, and the
    /// handler runs in a transaction of the request's <typeparamref name="TContext"/> that also records the response,
    /// so effect and record commit together (exactly once, even across a crash). Handlers that need their own
    /// transaction join it with <see cref="TransactionJoining.BeginOrJoinTransactionAsync"/>. Filters added before this
    /// call run outside that transaction (after its commit): put output-cache eviction there.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency<TContext>(this RouteHandlerBuilder builder)
        where TContext : ModuleDbContext =>
        builder.WithIdempotencyStore<ModuleIdempotencyStore<TContext>>();
}

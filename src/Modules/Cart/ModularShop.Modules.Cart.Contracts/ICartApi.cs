namespace ModularShop.Modules.Cart.Contracts;

/// <summary>The Cart module's synchronous public API for other modules (checkout reads the cart it sells).</summary>
public interface ICartApi
{
    /// <summary>
    /// The cart as its owner sees it (current catalog prices, problems), or <c>null</c> when there is no such
    /// cart or <paramref name="userId"/> may not see it (another user's cart, or a user's cart asked for anonymously).
    /// </summary>
    Task<CartSummary?> GetCartAsync(Guid cartId, Guid? userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A checkout sold these lines: removes those of <paramref name="itemIds"/> still in the cart and keeps the rest
    /// (lines added meanwhile). Idempotent: lines already gone are skipped. False when there is no such cart or
    /// <paramref name="userId"/> may not see it.
    /// </summary>
    Task<bool> RemoveSoldItemsAsync(Guid cartId, Guid userId, IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken = default);
}

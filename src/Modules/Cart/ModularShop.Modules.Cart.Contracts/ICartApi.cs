namespace ModularShop.Modules.Cart.Contracts;

/// <summary>The Cart module's synchronous public API for other modules (checkout reads the cart it sells).</summary>
public interface ICartApi
{
    /// <summary>
    /// The cart as its owner sees it (current catalog prices, problems), or <c>null</c> when there is no such
    /// cart or <paramref name="userId"/> may not see it (another user's cart, or a user's cart asked for anonymously).
    /// </summary>
    Task<CartSummary?> GetCartAsync(Guid cartId, Guid? userId, CancellationToken cancellationToken = default);
}

using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Cart.Contracts;

/// <summary>The Cart module's synchronous public API for other modules (checkout reads the cart it sells; the storefront
/// changes carts on a shopper's behalf). Every command runs the same use case, validation and rules as the REST endpoint
/// of the same name, as <paramref name="userId"/> (<c>null</c>: an anonymous shopper). Failures are results: validation
/// (quantity out of range, a product with variants and no variant), not found (no such cart, one the user may not see,
/// unknown product, variant or line) and conflicts (not enough stock, no longer sold, stale
/// <c>expectedVersion</c>).</summary>
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

    /// <summary>A new, empty cart, owned by <paramref name="userId"/> or anonymous.</summary>
    Task<Result<CartSummary>> CreateAsync(Guid? userId, CancellationToken cancellationToken = default);

    /// <summary>The user's active cart, created when there is none.</summary>
    Task<Result<CartSummary>> GetActiveCartAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="quantity"/> (1–999) of a product or variant; the same one again adds to its line.</summary>
    Task<Result<CartSummary>> AddItemAsync(
        Guid cartId, Guid? userId, Guid productId, Guid? variantId, int quantity, long? expectedVersion = null,
        CancellationToken cancellationToken = default);

    /// <summary>Sets a line's quantity (0–999; 0 removes the line).</summary>
    Task<Result<CartSummary>> SetQuantityAsync(
        Guid cartId, Guid? userId, Guid itemId, int quantity, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Removes a line.</summary>
    Task<Result<CartSummary>> RemoveItemAsync(
        Guid cartId, Guid? userId, Guid itemId, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sign-in: moves the anonymous cart's lines into the user's active cart (quantities add, capped by stock) and
    /// answers the user's cart. Repeating a merge that happened answers the same.
    /// </summary>
    Task<Result<CartSummary>> MergeAsync(Guid anonymousCartId, Guid userId, CancellationToken cancellationToken = default);
}

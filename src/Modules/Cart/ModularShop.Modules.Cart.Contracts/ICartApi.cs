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

/// <summary>A cart as other modules see it. Money is in the shop's currency.</summary>
public sealed record CartSummary(
    Guid Id,
    Guid? UserId,
    IReadOnlyList<CartLine> Lines,
    decimal Subtotal,
    IReadOnlyList<CartLineProblem> Problems,
    long Version);

/// <summary>One line: what is bought, at the catalog's current price.</summary>
public sealed record CartLine(
    Guid ItemId,
    Guid ProductId,
    Guid? VariantId,
    string Sku,
    string Name,
    string? VariantName,
    decimal UnitPrice,
    int Quantity,
    decimal LineTotal,
    bool Available);

/// <summary>A problem with a line: <c>PRICE_CHANGED</c>, <c>INSUFFICIENT_STOCK</c> or <c>UNAVAILABLE</c>.</summary>
public sealed record CartLineProblem(string Code, Guid ItemId, string Message);

using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Cart.Contracts;
using ModularShop.Modules.Cart.Features.Carts;

namespace ModularShop.Modules.Cart.PublicApi;

internal sealed class CartApi(CartStore store) : ICartApi
{
    public async Task<CartSummary?> GetCartAsync(Guid cartId, Guid? userId, CancellationToken cancellationToken = default)
    {
        var cart = await store.ReadAsync(cartId, userId, cancellationToken);
        if (cart is null)
        {
            return null;
        }

        var view = await store.ViewAsync(cart, cancellationToken);
        return new CartSummary(
            view.Id,
            cart.UserId,
            [.. view.Items.Select(i => new CartLine(
                i.Id, i.ProductId, i.VariantId, i.Sku, i.Name, i.VariantName,
                Money.Of(i.UnitPrice, view.Currency), i.Quantity, Money.Of(i.LineTotal, view.Currency), i.Available))],
            Money.Of(view.Subtotal, view.Currency),
            [.. view.Problems.Select(p => new CartLineProblem(p.Code, p.ItemId, p.Message))],
            view.Version);
    }

    public async Task<bool> RemoveSoldItemsAsync(Guid cartId, Guid userId, IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken = default)
    {
        var changed = await store.ChangeAsync(cartId, userId, expectedVersion: null, cart =>
        {
            cart.RemoveSold(itemIds, store.Now);
            return Task.FromResult(Result.Success());
        }, cancellationToken);
        return changed.IsSuccess;
    }
}

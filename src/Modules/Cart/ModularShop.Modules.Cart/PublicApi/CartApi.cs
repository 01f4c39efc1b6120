using MediatR;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Cart.Contracts;
using ModularShop.Modules.Cart.Features.Carts;

namespace ModularShop.Modules.Cart.PublicApi;

/// <summary>
/// <see cref="ICartApi"/>: reads go to the store; commands are sent through MediatR as the REST endpoints send them,
/// so the validation behaviour and the handlers' rules are the same whoever calls.
/// </summary>
internal sealed class CartApi(CartStore store, IMediator mediator) : ICartApi
{
    public async Task<CartSummary?> GetCartAsync(Guid cartId, Guid? userId, CancellationToken cancellationToken = default)
    {
        var cart = await store.ReadAsync(cartId, userId, cancellationToken);
        return cart is null ? null : ToSummary(await store.ViewAsync(cart, cancellationToken));
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

    public Task<Result<CartSummary>> CreateAsync(Guid? userId, CancellationToken cancellationToken = default) =>
        SendAsync(new CreateCart.Command { UserId = userId }, cancellationToken);

    public Task<Result<CartSummary>> GetActiveCartAsync(Guid userId, CancellationToken cancellationToken = default) =>
        SendAsync(new GetMyCart.Query { UserId = userId }, cancellationToken);

    public Task<Result<CartSummary>> AddItemAsync(
        Guid cartId, Guid? userId, Guid productId, Guid? variantId, int quantity, long? expectedVersion = null,
        CancellationToken cancellationToken = default) =>
        SendAsync(
            new AddCartItem.Command(productId, variantId, quantity) { CartId = cartId, UserId = userId, ExpectedVersion = expectedVersion }, cancellationToken);

    public Task<Result<CartSummary>> SetQuantityAsync(
        Guid cartId, Guid? userId, Guid itemId, int quantity, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(
            new UpdateCartItem.Command(quantity) { CartId = cartId, ItemId = itemId, UserId = userId, ExpectedVersion = expectedVersion }, cancellationToken);

    public Task<Result<CartSummary>> RemoveItemAsync(
        Guid cartId, Guid? userId, Guid itemId, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(new RemoveCartItem.Command(cartId, itemId, expectedVersion) { UserId = userId }, cancellationToken);

    public Task<Result<CartSummary>> MergeAsync(Guid anonymousCartId, Guid userId, CancellationToken cancellationToken = default) =>
        SendAsync(new MergeCart.Command(anonymousCartId) { UserId = userId }, cancellationToken);

    private async Task<Result<CartSummary>> SendAsync(IRequest<Result<CartResponse>> request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(request, cancellationToken);
        return result.IsSuccess ? ToSummary(result.Value) : result.Error;
    }

    private static CartSummary ToSummary(CartResponse view) => new(
        view.Id,
        view.OwnerId,
        [.. view.Items.Select(i => new CartLine(
            i.Id, i.ProductId, i.VariantId, i.Sku, i.Name, i.VariantName,
            Money.Of(i.UnitPrice, view.Currency), i.Quantity, Money.Of(i.LineTotal, view.Currency), i.Available, i.Image))],
        Money.Of(view.Subtotal, view.Currency),
        [.. view.Problems.Select(p => new CartLineProblem(p.Code, p.ItemId, p.Message))],
        view.Version);
}

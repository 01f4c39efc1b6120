using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web;
using ModularShop.Modules.Cart.Domain;
using ModularShop.Modules.Cart.Persistence;
using ModularShop.Modules.Cart.ReadModel;
using ModularShop.Modules.Catalog.Contracts;

namespace ModularShop.Modules.Cart.Features.Carts;

/// <summary>
/// Loading carts the way every cart feature needs them: for a change, under the cart's row lock (so parallel
/// changes to one cart queue up instead of losing each other's updates); for reading, untracked; and a user's
/// active cart, created once even when asked for in parallel. Also prices a cart for the response.
/// </summary>
internal sealed class CartStore(CartDbContext db, ICatalogApi catalog, TimeProvider clock, IOptions<ShopOptions> shop)
{
    /// <summary>How stale <see cref="ShoppingCart.LastSeenAt"/> may get before a read refreshes it.</summary>
    private static readonly TimeSpan SeenGranularity = TimeSpan.FromDays(1);

    /// <summary>Catalog states read during this request, not yet compared with the read model.</summary>
    private readonly List<ProductState> _fromCatalog = [];

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// The cart, locked until the current transaction ends, if <paramref name="callerId"/> may see it;
    /// <c>cart.not_found</c> otherwise. Checks <c>If-Match</c> (<paramref name="expectedVersion"/>).
    /// </summary>
    public async Task<Result<ShoppingCart>> LockAsync(Guid cartId, Guid? callerId, long? expectedVersion, CancellationToken cancellationToken)
    {
        var cart = await LockAsync(cartId, cancellationToken);
        if (cart is null || !cart.IsVisibleTo(callerId))
        {
            return CartErrors.CartNotFound;
        }

        return cart.IsAtVersion(expectedVersion) ? cart : Error.StaleVersion(cart.Version);
    }

    /// <summary>The cart with its items, locked until the current transaction ends; no access check.</summary>
    public async Task<ShoppingCart?> LockAsync(Guid cartId, CancellationToken cancellationToken)
    {
        // Two statements on purpose: under READ COMMITTED a statement that waited for the lock still reads the
        // other tables as of its start, so lines added by the transaction it waited for would be missing.
        // The load after the lock sees everything committed before it.
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM cart.carts WHERE id = {cartId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return locked.Count == 0
            ? null
            : await db.Carts.Include(c => c.Items).SingleOrDefaultAsync(c => c.Id == cartId, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the cart in one transaction under the cart's row lock, after the
    /// visibility and <c>If-Match</c> checks, and answers the changed cart. Nothing is saved if the change fails.
    /// </summary>
    public async Task<Result<CartResponse>> ChangeAsync(
        Guid cartId, Guid? callerId, long? expectedVersion, Func<ShoppingCart, Task<Result>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(cancellationToken);
        var locked = await LockAsync(cartId, callerId, expectedVersion, cancellationToken);
        if (!locked.IsSuccess)
        {
            return locked.Error;
        }

        var changed = await change(locked.Value);
        if (!changed.IsSuccess)
        {
            return changed.Error;
        }

        var priced = await PricedAsync(locked.Value, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // Not cancellable: a client that gives up while COMMIT is under way must not be told (through a
        // cancellation, which releases its Idempotency-Key) that a change failed which then commits.
        await transaction.CommitAsync(CancellationToken.None);
        return priced;
    }

    /// <summary>
    /// A transaction for a change, or the request's idempotency transaction when there is one (joined: its commit
    /// is then the outer one, which also records the response). SaveChanges inside it needs no savepoint of its
    /// own (a failure rolls the whole change back anyway), which saves two round trips per change.
    /// </summary>
    public Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        db.Database.AutoSavepointsEnabled = false;
        return db.Database.BeginOrJoinTransactionAsync(cancellationToken);
    }

    /// <summary>The cart for reading, if <paramref name="callerId"/> may see it; records that it was seen (at most daily).</summary>
    public async Task<ShoppingCart?> ReadAsync(Guid cartId, Guid? callerId, CancellationToken cancellationToken)
    {
        var cart = await db.Carts.AsNoTracking().Include(c => c.Items).SingleOrDefaultAsync(c => c.Id == cartId, cancellationToken);
        if (cart is null || !cart.IsVisibleTo(callerId))
        {
            return null;
        }

        var now = Now;
        if (now - cart.LastSeenAt > SeenGranularity)
        {
            await db.Carts.Where(c => c.Id == cartId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeenAt, now), cancellationToken);
        }

        return cart;
    }

    /// <summary>
    /// The user's active cart (their most recently changed one), created if they have none. Call inside a
    /// transaction when the cart is about to be changed (<paramref name="forUpdate"/>): it is then locked.
    /// </summary>
    public async Task<ShoppingCart> ActiveCartAsync(Guid userId, bool forUpdate, CancellationToken cancellationToken)
    {
        var id = await ActiveCartIdAsync(userId, cancellationToken);
        if (id is null)
        {
            await using (var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken))
            {
                // Serialises the creation of a user's first cart (two tabs opening the shop at once get one cart).
                await db.Database.ExecuteSqlAsync(
                    $"SELECT pg_advisory_xact_lock(hashtextextended('cart.user:' || {userId.ToString()}, 0))", cancellationToken);
                id = await ActiveCartIdAsync(userId, cancellationToken);
                if (id is null)
                {
                    var created = ShoppingCart.Create(userId, Now);
                    db.Carts.Add(created);
                    await db.SaveChangesAsync(cancellationToken);
                    id = created.Id;
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }

        if (forUpdate)
        {
            var locked = (await LockAsync(id.Value, cancellationToken))!;
            if (locked.MergedIntoId is not null)
            {
                // Merged into another of the user's carts while this request waited for the lock: that one is
                // the active cart now.
                return await ActiveCartAsync(userId, forUpdate, cancellationToken);
            }

            return locked;
        }

        return await db.Carts.AsNoTracking().Include(c => c.Items).SingleAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>
    /// What the catalog (the authority) says about these products right now. The states are remembered and
    /// written to Cart's read model (newer versions only) with the next change, in its transaction
    /// (<see cref="PricedAsync"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ProductState>> CurrentProductsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        var products = await catalog.GetProductsAsync(productIds, cancellationToken);
        var states = new Dictionary<Guid, ProductState>(products.Count);
        foreach (var product in products)
        {
            var state = ProductState.From(product);
            _fromCatalog.Add(state);
            states[product.Id] = state;
        }

        return states;
    }

    /// <summary>The cart priced against the read model, as the API answers it.</summary>
    public async Task<CartResponse> ViewAsync(ShoppingCart cart, CancellationToken cancellationToken) =>
        CartView.Build(cart, await ProductSnapshots.LoadAsync(db, cart.Items.Select(i => i.SnapshotId), cancellationToken), shop.Value.Currency);

    /// <summary>
    /// Prices a cart that is being changed, inside the change's transaction: reads the read-model rows its lines
    /// need and writes the catalog states read during this request where the read model is missing them or
    /// holds an older version (usually it is current, and nothing is written: a popular product's rows are
    /// not locked by every add). Stock is behind as soon as its stock version is, which a sale makes it.
    /// </summary>
    public async Task<CartResponse> PricedAsync(ShoppingCart cart, CancellationToken cancellationToken)
    {
        var ids = cart.Items.Select(i => i.SnapshotId).ToHashSet();
        var rows = await ProductSnapshots.LoadAsync(db, ids.Concat(_fromCatalog.Select(s => s.ProductId)), cancellationToken);
        var behind = _fromCatalog
            .Where(s => !rows.TryGetValue(s.ProductId, out var row) || row.Version < s.Version || row.StockVersion < s.StockVersion)
            .DistinctBy(s => s.ProductId)
            .OrderBy(s => s.ProductId) // a fixed lock order between concurrent merges
            .ToList();
        _fromCatalog.Clear();
        if (behind.Count > 0)
        {
            foreach (var state in behind)
            {
                await ProductSnapshots.UpsertAsync(db, state, Now, cancellationToken);
            }

            rows = await ProductSnapshots.LoadAsync(db, ids, cancellationToken);
        }

        return CartView.Build(cart, rows, shop.Value.Currency);
    }

    private async Task<Guid?> ActiveCartIdAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Carts
            .Where(c => c.UserId == userId && c.MergedIntoId == null)
            .OrderByDescending(c => c.UpdatedAt)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
}

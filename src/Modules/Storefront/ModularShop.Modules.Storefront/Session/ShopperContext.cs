using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Cart.Contracts;

namespace ModularShop.Modules.Storefront.Session;

/// <summary>
/// The shopper of the current request, for pages and the storefront's endpoints: who is signed in (the session cookie,
/// checked against Users on every request by <see cref="SessionCookieEvents"/>) and which cart is theirs — the user's
/// active cart when signed in, else the anonymous cart named by the cart cookie (created on the first add).
/// </summary>
internal sealed class ShopperContext(IHttpContextAccessor accessor, ICartApi carts, IOptions<StorefrontOptions> options)
{
    private Shopper? _shopper;

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No request.");

    /// <summary>The signed-in shopper, or <c>null</c>.</summary>
    public async Task<Shopper?> GetShopperAsync()
    {
        if (_shopper is not null)
        {
            return _shopper;
        }

        var result = await Http.AuthenticateAsync(StorefrontCookies.Scheme);
        if (result.Succeeded
            && Guid.TryParse(result.Principal.FindFirstValue(StorefrontCookies.UserIdClaim), out var userId)
            && Guid.TryParse(result.Principal.FindFirstValue(StorefrontCookies.SessionIdClaim), out var sessionId))
        {
            _shopper = new Shopper(userId, sessionId, result.Principal.FindFirstValue(StorefrontCookies.NameClaim) ?? "");
        }

        return _shopper;
    }

    /// <summary>Whether the request carries a session cookie at all (valid or not): such requests bypass the page cache.</summary>
    public static bool HasSessionCookie(HttpRequest request) => request.Cookies.ContainsKey(StorefrontCookies.Session);

    private CartSummary? _cart;
    private bool _cartRead;

    /// <summary>
    /// The shopper's cart, or <c>null</c> when they have none yet (an anonymous shopper who never added anything); read
    /// once per request (the layout's badge and the cart page share it).
    /// </summary>
    public async Task<CartSummary?> GetCartAsync(CancellationToken cancellationToken)
    {
        if (!_cartRead)
        {
            _cart = await ReadCartAsync(cancellationToken);
            _cartRead = true;
        }

        return _cart;
    }

    private async Task<CartSummary?> ReadCartAsync(CancellationToken cancellationToken)
    {
        if (await GetShopperAsync() is { } shopper)
        {
            var active = await carts.GetActiveCartAsync(shopper.UserId, cancellationToken);
            return active.IsSuccess ? active.Value : null;
        }

        if (AnonymousCartId is not { } cartId)
        {
            return null;
        }

        var cart = await carts.GetCartAsync(cartId, userId: null, cancellationToken);
        if (cart is null || cart.UserId is not null)
        {
            // Purged, merged into a user's cart, or not anonymous: forget it.
            ForgetAnonymousCart();
            return null;
        }

        return cart;
    }

    /// <summary>
    /// Runs a cart command on the shopper's cart; <paramref name="create"/> (an add) creates the cart first when there
    /// is none, anything else on no cart is "not found".
    /// </summary>
    public async Task<Result<CartSummary>> ChangeCartAsync(
        Func<Guid, Guid?, Task<Result<CartSummary>>> change, CancellationToken cancellationToken, bool create = false)
    {
        var shopper = await GetShopperAsync();
        var cart = await GetCartAsync(cancellationToken);
        if (cart is null && !create)
        {
            return Error.NotFound("cart.item_not_found", "The cart has no such item.");
        }

        if (cart is null)
        {
            var created = await carts.CreateAsync(shopper?.UserId, cancellationToken);
            if (!created.IsSuccess)
            {
                return created.Error;
            }

            cart = created.Value;
            if (shopper is null)
            {
                RememberAnonymousCart(cart.Id);
            }
        }

        var changed = await change(cart.Id, shopper?.UserId);
        if (changed.IsSuccess)
        {
            _cart = changed.Value;
        }
        else
        {
            _cartRead = false;
        }

        return changed;
    }

    /// <summary>The anonymous cart id from the cart cookie.</summary>
    public Guid? AnonymousCartId =>
        Guid.TryParse(Http.Request.Cookies[StorefrontCookies.Cart], out var id) ? id : null;

    public void RememberAnonymousCart(Guid cartId) =>
        Http.Response.Cookies.Append(StorefrontCookies.Cart, cartId.ToString(), new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            IsEssential = true,
            MaxAge = options.Value.CartCookieLifetime,
        });

    public void ForgetAnonymousCart()
    {
        if (Http.Request.Cookies.ContainsKey(StorefrontCookies.Cart))
        {
            Http.Response.Cookies.Delete(StorefrontCookies.Cart, new CookieOptions { Secure = true, Path = "/", SameSite = SameSiteMode.Lax });
        }
    }
}

/// <summary>A signed-in shopper: the user and their session in Users.</summary>
internal sealed record Shopper(Guid UserId, Guid SessionId, string Name);

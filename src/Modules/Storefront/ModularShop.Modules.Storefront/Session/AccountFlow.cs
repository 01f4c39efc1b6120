using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Cart.Contracts;
using ModularShop.Modules.Users.Contracts;

namespace ModularShop.Modules.Storefront.Session;

/// <summary>
/// Signing a shopper in and out of the storefront: the session cookie for a session Users opened, the anonymous cart
/// merged into the user's on the way in (the cart API's merge), the session ended in Users on the way out.
/// </summary>
internal sealed class AccountFlow(
    IHttpContextAccessor accessor,
    ShopperContext shopper,
    ICartApi carts,
    IUsersApi users,
    ILogger<AccountFlow> logger)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No request.");

    public async Task StartSessionAsync(ShopperSession session, CancellationToken cancellationToken)
    {
        // Signing in over a session (another account, or the same one again) ends that one first.
        if (await shopper.GetShopperAsync() is { } previous)
        {
            await users.EndSessionAsync(previous.UserId, previous.SessionId, cancellationToken);
        }

        await Http.SignInAsync(
            StorefrontCookies.Scheme,
            SessionCookieEvents.PrincipalFor(session),
            new AuthenticationProperties { IsPersistent = true, AllowRefresh = true });

        if (shopper.AnonymousCartId is { } anonymous)
        {
            var merged = await carts.MergeAsync(anonymous, session.UserId, cancellationToken);
            if (merged.IsSuccess || merged.Error.Kind is ErrorKind.NotFound || merged.Error.Code == "cart.merge_into_itself")
            {
                // Merged, or a cart that is gone, someone else's or already merged: nothing left to bring.
                shopper.ForgetAnonymousCart();
            }
            else
            {
                // Anything else (stock conflicts, a transient failure): keep the cookie, so the lines are not lost;
                // the next sign-in tries again.
                logger.LogInformation("Anonymous cart not merged at sign-in: {Code}", merged.Error.Code);
            }
        }
    }

    public async Task EndSessionAsync(CancellationToken cancellationToken)
    {
        if (await shopper.GetShopperAsync() is { } current)
        {
            await users.EndSessionAsync(current.UserId, current.SessionId, cancellationToken);
        }

        await Http.SignOutAsync(StorefrontCookies.Scheme);
    }

    /// <summary>The HTTP status a page answers with for a failed command.</summary>
    public static int StatusOf(Error error) => error.Kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.PaymentRequired => StatusCodes.Status402PaymentRequired,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };
}

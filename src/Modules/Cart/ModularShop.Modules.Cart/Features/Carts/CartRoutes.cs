namespace ModularShop.Modules.Cart.Features.Carts;

internal static class CartRoutes
{
    public const string Carts = "/api/carts";
}

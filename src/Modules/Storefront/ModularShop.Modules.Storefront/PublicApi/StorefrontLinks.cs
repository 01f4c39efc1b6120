using Microsoft.Extensions.Options;
using ModularShop.Modules.Storefront.Contracts;

namespace ModularShop.Modules.Storefront.PublicApi;

internal sealed class StorefrontLinks(IOptions<StorefrontOptions> options) : IStorefrontLinks
{
    private string Origin => options.Value.PublicOrigin?.TrimEnd('/') ?? "";

    public string Product(string slug) => $"{Origin}/p/{Uri.EscapeDataString(slug)}";

    public string Order(Guid orderId) => $"{Origin}/account/orders/{orderId}";

    public string Cart() => $"{Origin}/cart";
}

namespace ModularShop.BuildingBlocks.Web.Security;

/// <summary>
/// Who issues bearer tokens and for whom (<c>Auth:Issuer</c>, <c>Auth:Audience</c>): public facts the validator and
/// the issuing module share. The signing key is not one of them (see <see cref="ShopAuthentication"/>).
/// </summary>
public sealed class TokenAudienceOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "modularshop";

    public string Audience { get; set; } = "modularshop-api";
}

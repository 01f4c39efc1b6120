using ModularShop.BuildingBlocks.Web.Http;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests;

/// <summary>Return URLs (sign-in, the bank page) never leave the site.</summary>
public sealed class LocalPathsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/cart")]
    [InlineData("/checkout/done/0b1c?x=1")]
    public void Paths_of_this_site_are_kept(string path) => LocalPaths.OrNull(path).ShouldBe(path);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cart")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/redirect?to=https://evil.example")]
    [InlineData("/cart\r\nSet-Cookie: x=1")]
    public void Anything_that_could_lead_elsewhere_is_refused(string? value) => LocalPaths.OrNull(value).ShouldBeNull();
}

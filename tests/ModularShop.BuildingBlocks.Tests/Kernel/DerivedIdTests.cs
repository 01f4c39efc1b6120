using ModularShop.BuildingBlocks.Kernel;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Kernel;

public sealed class DerivedIdTests
{
    [Fact]
    public void The_same_name_gives_the_same_version_8_id_and_another_name_another_id()
    {
        var id = DerivedId.From("refund:order-1:key-1");

        DerivedId.From("refund:order-1:key-1").ShouldBe(id);
        DerivedId.From("refund:order-1:key-2").ShouldNotBe(id);
        id.Version.ShouldBe(8);
        (id.Variant & 0xC).ShouldBe(0x8, "the RFC 9562 variant");
    }
}

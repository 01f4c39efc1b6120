using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Tests.TestModule;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests;

public sealed class MessagingOptionsTests
{
    [Fact]
    public void RetryDelay_starts_at_the_base_delay_doubles_per_attempt_and_stops_at_the_max()
    {
        var options = new MessagingOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromMinutes(5) };

        options.RetryDelay(1).ShouldBe(TimeSpan.FromSeconds(1));
        options.RetryDelay(2).ShouldBe(TimeSpan.FromSeconds(2));
        options.RetryDelay(3).ShouldBe(TimeSpan.FromSeconds(4));
        options.RetryDelay(8).ShouldBe(TimeSpan.FromSeconds(128));
        options.RetryDelay(9).ShouldBe(TimeSpan.FromSeconds(256));
        options.RetryDelay(10).ShouldBe(TimeSpan.FromMinutes(5));
        options.RetryDelay(1_000).ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void RetryDelay_before_any_attempt_is_the_base_delay()
    {
        new MessagingOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(50) }.RetryDelay(0).ShouldBe(TimeSpan.FromMilliseconds(50));
    }
}

public sealed class MessageSerializerTests
{
    [Fact]
    public void NameOf_is_the_event_name_attribute()
    {
        MessageSerializer.NameOf(typeof(ThingCounted)).ShouldBe("test.thing-counted.v1");
        MessageSerializer.NameOf(typeof(ThingRenamed)).ShouldBe("test.thing-renamed.v1");
        MessageSerializer.NameOf(typeof(ThingDue)).ShouldBe("test.thing-due");
    }

    [Fact]
    public void NameOf_refuses_an_event_type_without_the_attribute()
    {
        var error = Should.Throw<InvalidOperationException>(() => MessageSerializer.NameOf(typeof(UnnamedEvent)));
        error.Message.ShouldContain(nameof(UnnamedEvent));
    }

    [Fact]
    public void Payload_round_trips_with_id_and_time_and_carries_no_clr_type_name()
    {
        var original = new ThingRenamed(Guid.NewGuid(), 7, "seven") { OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };

        var payload = MessageSerializer.Serialize(original);

        MessageSerializer.Deserialize(payload, typeof(ThingRenamed)).ShouldBe(original);
        payload.ShouldNotContain(typeof(ThingRenamed).FullName!);
        payload.ShouldContain("\"version\":7");
    }
}

using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Orders.Domain;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Orders.Tests;

public sealed class OrderStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>API.md's arrows, and nothing else.</summary>
    private static readonly HashSet<(OrderStatus, OrderStatus)> Arrows =
    [
        (OrderStatus.AwaitingPayment, OrderStatus.Paid),
        (OrderStatus.Paid, OrderStatus.Shipped),
        (OrderStatus.Shipped, OrderStatus.Delivered),
        (OrderStatus.AwaitingPayment, OrderStatus.Cancelled),
        (OrderStatus.Paid, OrderStatus.Cancelled),
        (OrderStatus.Paid, OrderStatus.Refunded),
        (OrderStatus.Shipped, OrderStatus.Refunded),
        (OrderStatus.Delivered, OrderStatus.Refunded),
    ];

    public static TheoryData<string, string> AllPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Enum.GetNames<OrderStatus>())
        {
            foreach (var to in Enum.GetNames<OrderStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_all_36_pairs() => AllPairs().Count.ShouldBe(36);

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Only_the_arrows_of_the_API_are_allowed_every_other_pair_is_a_409_naming_both_states(string fromName, string toName)
    {
        var (from, to) = (Enum.Parse<OrderStatus>(fromName), Enum.Parse<OrderStatus>(toName));
        var result = OrderTransitions.Check(from, to);
        if (Arrows.Contains((from, to)))
        {
            result.IsSuccess.ShouldBeTrue();
            return;
        }

        result.Error!.Kind.ShouldBe(ErrorKind.Conflict);
        result.Error.Code.ShouldBe("orders.invalid_transition");
        result.Error.Message.ShouldContain($"from {from} to {to}");
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void An_order_moves_through_the_table_and_records_each_move(string fromName, string toName)
    {
        var (from, to) = (Enum.Parse<OrderStatus>(fromName), Enum.Parse<OrderStatus>(toName));
        var order = OrderIn(from);
        var version = order.Version;
        var historyCount = order.History.Count;
        var result = to switch
        {
            OrderStatus.Paid => order.MarkPaid(Now),
            OrderStatus.Shipped => order.Ship(Now),
            OrderStatus.Delivered => order.Deliver(Now),
            OrderStatus.Cancelled => order.Cancel("why", Now),
            OrderStatus.Refunded => order.Refund(order.Refundable.IsZero ? Money.Of(1, "USD") : order.Refundable, "why", Now),
            _ => OrderTransitions.Check(from, to),
        };

        result.IsSuccess.ShouldBe(Arrows.Contains((from, to)));
        if (result.IsSuccess)
        {
            order.Status.ShouldBe(to);
            order.History.Count.ShouldBe(historyCount + 1);
            order.History[^1].Status.ShouldBe(to);
            order.Version.ShouldBe(version + 1);
        }
        else
        {
            order.Status.ShouldBe(from);
            order.History.Count.ShouldBe(historyCount);
            order.Version.ShouldBe(version);
        }
    }

    [Fact]
    public void Partial_refunds_keep_the_status_add_up_and_the_last_one_makes_the_order_refunded()
    {
        var order = OrderIn(OrderStatus.Shipped); // total 25.00
        order.Refund(Money.Of(10, "USD"), "damaged box", Now).Value.ShouldBeFalse();
        order.Status.ShouldBe(OrderStatus.Shipped);
        order.History[^1].Reason.ShouldBe("damaged box");
        order.History[^1].Amount.ShouldBe(10m);
        order.CheckRefund(Money.Of(15.01m, "USD")).Error!.Code.ShouldBe("orders.refund_exceeds_captured");
        order.CheckRefund(Money.Of(0, "USD")).Error!.Kind.ShouldBe(ErrorKind.Validation);
        order.Refund(Money.Of(15, "USD"), "rest", Now).Value.ShouldBeTrue();
        order.Status.ShouldBe(OrderStatus.Refunded);
        order.Refunded.ShouldBe(25m);
        order.CheckRefund(null).Error!.Code.ShouldBe("orders.invalid_transition");
    }

    [Fact]
    public void Placing_checks_that_lines_and_totals_add_up()
    {
        var line = Line(2, 5m);
        Place([], 0m, 0m, 0m, 0m).Error!.Fields!.Keys.ShouldContain("lines");
        Place([line], 9m, 0m, 0m, 9m).Error!.Fields!.Keys.ShouldContain("subtotal");
        Place([line], 10m, 1m, 2m, 12m).Error!.Fields!.Keys.ShouldContain("total");
        Place([line with { LineTotal = Money.Of(11, "USD") }], 11m, 0m, 0m, 11m).Error!.Fields!.Keys.ShouldContain("lines[0].lineTotal");
        Place([line], 10m, 1m, 2m, 13m).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Only_a_newer_payment_report_changes_the_copy()
    {
        var order = OrderIn(OrderStatus.AwaitingPayment);
        var copy = new OrderPaymentCopy(order.PaymentId, "test-card", "Visa •••• 3155", "Captured", null, null, 5);
        order.ApplyPayment(copy, Now).ShouldBeTrue();
        order.ApplyPayment(copy with { Status = "RequiresAction", Version = 4 }, Now).ShouldBeFalse();
        order.PaymentStatus.ShouldBe("Captured");
    }

    internal static Order OrderIn(OrderStatus status)
    {
        var order = Place([Line(2, 10m)], 20m, 2m, 3m, 25m, paid: status != OrderStatus.AwaitingPayment).Value;
        switch (status)
        {
            case OrderStatus.Shipped:
                order.Ship(Now).IsSuccess.ShouldBeTrue();
                break;
            case OrderStatus.Delivered:
                order.Ship(Now).IsSuccess.ShouldBeTrue();
                order.Deliver(Now).IsSuccess.ShouldBeTrue();
                break;
            case OrderStatus.Cancelled:
                order.Cancel("test", Now).IsSuccess.ShouldBeTrue();
                break;
            case OrderStatus.Refunded:
                order.Refund(order.Refundable, "test", Now).IsSuccess.ShouldBeTrue();
                break;
        }

        order.Status.ShouldBe(status);
        return order;
    }

    private static OrderItemSnapshot Line(int quantity, decimal price) =>
        new(Guid.NewGuid(), null, "SKU-1", "Mug", null, Money.Of(price, "USD"), quantity, Money.Of(price * quantity, "USD"));

    private static Result<Order> Place(OrderItemSnapshot[] lines, decimal subtotal, decimal tax, decimal shipping, decimal total, bool paid = true)
    {
        var address = new PostalAddress("Ada Lovelace", "1 Main St", null, "London", null, "N1 1AA", "GB", null);
        return Order.Place(
            Guid.NewGuid(), "MS-100001", Guid.NewGuid(), Guid.NewGuid(), lines,
            Money.Of(subtotal, "USD"), Money.Of(tax, "USD"), Money.Of(shipping, "USD"), Money.Of(total, "USD"),
            address, address, "standard",
            new OrderPaymentCopy(Guid.NewGuid(), "test-card", "Visa •••• 4242", paid ? "Captured" : "RequiresAction", null, null, 1),
            paid, paid ? null : Now.AddMinutes(30), Now);
    }
}

namespace ModularShop.Modules.Orders.Domain;

/// <summary>A line as sold: a snapshot of the product at checkout; later catalog changes do not alter it.</summary>
internal sealed class OrderItem
{
    private OrderItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public int Position { get; private set; }

    public Guid ProductId { get; private set; }

    public Guid? VariantId { get; private set; }

    public string Sku { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? VariantName { get; private set; }

    public decimal UnitPrice { get; private set; }

    public int Quantity { get; private set; }

    public decimal LineTotal { get; private set; }

    public static OrderItem Create(Guid orderId, int position, OrderItemSnapshot line) => new()
    {
        Id = Guid.NewGuid(),
        OrderId = orderId,
        Position = position,
        ProductId = line.ProductId,
        VariantId = line.VariantId,
        Sku = line.Sku,
        Name = line.Name,
        VariantName = line.VariantName,
        UnitPrice = line.UnitPrice.Amount,
        Quantity = line.Quantity,
        LineTotal = line.LineTotal.Amount,
    };
}

/// <summary>What a line is made of when the order is placed.</summary>
internal sealed record OrderItemSnapshot(
    Guid ProductId,
    Guid? VariantId,
    string Sku,
    string Name,
    string? VariantName,
    BuildingBlocks.Kernel.Money UnitPrice,
    int Quantity,
    BuildingBlocks.Kernel.Money LineTotal);

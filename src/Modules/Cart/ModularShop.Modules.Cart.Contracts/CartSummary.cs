using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Cart.Contracts;

/// <summary>A cart as other modules see it. <see cref="Subtotal"/> is the sum of the lines' totals, in the shop's currency.</summary>
public sealed record CartSummary(
    Guid Id,
    Guid? UserId,
    IReadOnlyList<CartLine> Lines,
    Money Subtotal,
    IReadOnlyList<CartLineProblem> Problems,
    long Version);

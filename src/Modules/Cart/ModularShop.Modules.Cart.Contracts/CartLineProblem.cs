namespace ModularShop.Modules.Cart.Contracts;

/// <summary>A problem with a line: <c>PRICE_CHANGED</c>, <c>INSUFFICIENT_STOCK</c> or <c>UNAVAILABLE</c>.</summary>
public sealed record CartLineProblem(string Code, Guid ItemId, string Message);

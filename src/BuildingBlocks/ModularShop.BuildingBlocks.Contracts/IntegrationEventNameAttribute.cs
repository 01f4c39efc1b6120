namespace ModularShop.BuildingBlocks.Contracts;

/// <summary>The stable wire name of an integration event, e.g. <c>catalog.product-updated.v1</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class IntegrationEventNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

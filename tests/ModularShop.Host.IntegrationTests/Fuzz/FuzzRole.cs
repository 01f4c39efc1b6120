namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>Who sends a fuzzed request.</summary>
public enum FuzzRole
{
    Anonymous,
    Customer,
    Admin,
}

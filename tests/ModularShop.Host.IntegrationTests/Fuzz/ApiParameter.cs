namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>A path, query or header parameter of an <see cref="ApiOperation"/>.</summary>
/// <param name="In"><c>path</c>, <c>query</c> or <c>header</c>.</param>
public sealed record ApiParameter(string Name, string In, FuzzSchema Schema, bool Required);

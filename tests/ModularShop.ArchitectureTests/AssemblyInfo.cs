namespace ModularShop.ArchitectureTests;

internal static class AssemblyMarker;

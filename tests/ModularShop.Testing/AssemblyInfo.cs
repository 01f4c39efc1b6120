namespace ModularShop.Testing;

internal static class AssemblyMarker;

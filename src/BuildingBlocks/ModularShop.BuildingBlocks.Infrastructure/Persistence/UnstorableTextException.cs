using System.Data.Common;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>Text PostgreSQL cannot store (a NUL character) was about to be sent; nothing was (<see cref="UnstorableTextGuard"/>).</summary>
public sealed class UnstorableTextException(string parameterName)
    : DbException($"Parameter {parameterName} holds text PostgreSQL cannot store (a NUL character); the command was not sent.");

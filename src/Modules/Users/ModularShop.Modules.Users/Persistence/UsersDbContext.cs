using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Persistence;

internal sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => UsersModule.SchemaName;

    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<Address> Addresses => Set<Address>();

    public DbSet<LoginThrottleEntry> LoginThrottles => Set<LoginThrottleEntry>();
}

internal sealed class UsersDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<UsersDbContext>
{
    protected override string Schema => UsersModule.SchemaName;

    protected override UsersDbContext Create(DbContextOptions<UsersDbContext> options) => new(options);
}

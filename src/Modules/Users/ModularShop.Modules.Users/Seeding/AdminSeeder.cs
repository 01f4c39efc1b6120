using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Features.Auth;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Seeding;

/// <summary>
/// Creates the first admin from <c>Users:Admin:Email</c>/<c>Users:Admin:Password</c> at start-up when no user
/// has that e-mail. An existing user is left as it is (its password and roles are not reset).
/// </summary>
internal sealed class AdminSeeder(
    UsersDbContext db,
    Passwords passwords,
    TimeProvider clock,
    IOptions<UsersOptions> options,
    ILogger<AdminSeeder> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.Admin;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrEmpty(admin.Password))
        {
            return;
        }

        if (!CredentialRules.IsPlausibleEmail(admin.Email))
        {
            throw new InvalidOperationException("Users:Admin:Email is not a valid e-mail address.");
        }

        if (PasswordRules.Check(admin.Password) is { } problem)
        {
            throw new InvalidOperationException($"Users:Admin:Password does not meet the password rules: {problem}");
        }

        var normalized = EmailAddress.Normalize(admin.Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            return;
        }

        var user = User.Create(admin.Email, admin.Name, passwords.Hash(admin.Password), [UserRoles.Admin, UserRoles.Customer], clock.GetUtcNow());
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Created the first admin {Email}", user.Email);
    }
}

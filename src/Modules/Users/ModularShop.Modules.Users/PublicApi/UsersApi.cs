using Microsoft.EntityFrameworkCore;
using ModularShop.Modules.Users.Contracts;
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.PublicApi;

internal sealed class UsersApi(UsersDbContext db) : IUsersApi
{
    public async Task<UserSummary?> GetUserAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserSummary(u.Id, u.Email, u.Name, u.Roles))
            .SingleOrDefaultAsync(cancellationToken);
}

using ModularShop.Modules.Users.Domain;

namespace ModularShop.Modules.Users.Features;

/// <summary>A user as the API shows it. Never carries a password or a hash.</summary>
/// <param name="Blocked">Whether an admin blocked the account (it can neither sign in nor use its tokens).</param>
public sealed record UserResponse(Guid Id, string Email, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool Blocked)
{
    internal static UserResponse From(User user) => new(user.Id, user.Email, user.Name, user.Roles, user.CreatedAt, user.IsBlocked);
}

internal static class UsersErrors
{
    public static readonly BuildingBlocks.Kernel.Error UserNotFound =
        BuildingBlocks.Kernel.Error.NotFound("users.not_found", "The user does not exist.");
}

using FluentValidation;
using MediatR;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Users.Contracts;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Features.Auth;

/// <summary>
/// A storefront sign-in (<see cref="IUsersApi.SignInAsync"/>): the password check of <see cref="Login"/>, then a new
/// session that no token speaks for. The session is a refresh-token family whose one token is never handed out, so
/// sign-out, token-reuse revocation and the housekeeping of expired tokens treat it like any other session.
/// </summary>
public static class OpenShopperSession
{
    public sealed record Command(string? Email, string? Password, string Client) : IRequest<Result<ShopperSession>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().MaximumLength(EmailAddress.MaxLength);
            RuleFor(c => c.Password).NotEmpty().MaximumLength(PasswordRules.MaxLength);
        }
    }

    internal sealed class Handler(UsersDbContext db, Credentials credentials, Tokens tokens, TimeProvider clock)
        : IRequestHandler<Command, Result<ShopperSession>>
    {
        public async Task<Result<ShopperSession>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var verified = await credentials.VerifyAsync(command.Email!, command.Password!, command.Client, now, cancellationToken);
            if (!verified.IsSuccess)
            {
                return verified.Error;
            }

            var session = Open(db, tokens, verified.Value, now);
            await db.SaveChangesAsync(cancellationToken);
            return session;
        }
    }

    /// <summary>Adds a new session of <paramref name="user"/> to <paramref name="db"/>; the caller saves.</summary>
    internal static ShopperSession Open(UsersDbContext db, Tokens tokens, User user, DateTimeOffset now)
    {
        var sessionId = Guid.CreateVersion7(now);
        var (_, hash) = Tokens.NewRefreshToken();
        var token = RefreshToken.Issue(user.Id, sessionId, hash, now, tokens.RefreshTokenLifetime);
        db.RefreshTokens.Add(token);
        return new ShopperSession(user.Id, sessionId, user.Email, user.Name, [.. user.Roles], token.ExpiresAt);
    }
}

using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Features.Auth;

/// <summary>What login and refresh answer.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");

internal static class Sessions
{
    /// <summary>
    /// A new access token and the next refresh token of <paramref name="familyId"/> (a new family at login).
    /// The refresh token is added to <paramref name="db"/>; the caller saves.
    /// </summary>
    public static TokenResponse Issue(UsersDbContext db, Tokens tokens, User user, Guid familyId, DateTimeOffset now)
    {
        var (refreshToken, hash) = Tokens.NewRefreshToken();
        db.RefreshTokens.Add(RefreshToken.Issue(user.Id, familyId, hash, now, tokens.RefreshTokenLifetime));
        return new TokenResponse(
            tokens.CreateAccessToken(user, familyId, now),
            refreshToken,
            (int)tokens.AccessTokenLifetime.TotalSeconds);
    }
}

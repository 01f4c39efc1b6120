using System.Threading.RateLimiting;

namespace ModularShop.Modules.Users.Security;

/// <summary>Permission to compute one password hash now (<see cref="Passwords.WaitForSlotAsync"/>); dispose it when done.</summary>
internal sealed class HashingPermit(RateLimitLease? slot) : IDisposable
{
    public bool IsAcquired => slot?.IsAcquired == true;

    public static HashingPermit Refused(RateLimitLease? lease)
    {
        lease?.Dispose();
        return new HashingPermit(null);
    }

    public void Dispose() => slot?.Dispose();
}

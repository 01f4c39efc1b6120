namespace ModularShop.Modules.Users.Security;

/// <summary>Failed-login bookkeeping for one normalised e-mail (see <see cref="LoginThrottle"/>).</summary>
internal sealed class LoginThrottleEntry
{
    public string NormalizedEmail { get; set; } = string.Empty;

    public int Failures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}

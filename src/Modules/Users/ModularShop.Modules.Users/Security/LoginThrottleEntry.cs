namespace ModularShop.Modules.Users.Security;

/// <summary>
/// Failed-login bookkeeping for one normalised e-mail from one client address, or for the e-mail from every
/// client together (<see cref="Client"/> = <see cref="LoginThrottle.AnyClient"/>); see <see cref="LoginThrottle"/>.
/// </summary>
internal sealed class LoginThrottleEntry
{
    public string NormalizedEmail { get; set; } = string.Empty;

    public string Client { get; set; } = string.Empty;

    public int Failures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}

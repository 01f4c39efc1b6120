namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>
/// What kind of failure an <see cref="Error"/> is. The web layer maps each kind to one HTTP status (a test fails
/// when a kind has none), so handlers say what went wrong and never pick status codes.
/// </summary>
public enum ErrorKind
{
    /// <summary>The input is invalid (400); <see cref="Error.Fields"/> names the fields.</summary>
    Validation,

    /// <summary>The caller is not authenticated, or its credentials are wrong (401).</summary>
    Unauthorized,

    /// <summary>A payment was declined (402); the code says why (<c>card_declined</c>, <c>insufficient_funds</c>).</summary>
    PaymentRequired,

    /// <summary>Authenticated but not allowed (403).</summary>
    Forbidden,

    /// <summary>No such resource, or one the caller may not see (404).</summary>
    NotFound,

    /// <summary>A business conflict: insufficient stock, a duplicate, a stale version, a key in flight (409).</summary>
    Conflict,

    /// <summary>Well-formed but not processable, e.g. an idempotency key reused with another request (422).</summary>
    Unprocessable,

    /// <summary>Too many requests (429); <see cref="Error.RetryAfter"/> says when to try again.</summary>
    TooManyRequests,
}

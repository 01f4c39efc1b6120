namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>The part of a request a fuzz case breaks; each has a test of its own.</summary>
public enum FuzzCategory
{
    /// <summary>The valid-looking request every other case breaks one thing of, unchanged: proves the cases start from a valid request.</summary>
    Baseline,

    /// <summary>Invalid path parameter values (not a GUID, empty-ish, 5000 chars, unicode, %2F %25 %00, numbers).</summary>
    PathParameters,

    /// <summary>Query parameter values of the wrong type, huge, negative, empty, over-long, repeated.</summary>
    QueryParameters,

    /// <summary>One property of an otherwise valid-looking JSON body changed (type, null, size, characters, nesting).</summary>
    BodyProperties,

    /// <summary>The body as a whole broken: empty, null, [], malformed, truncated, 2 MB, bad bytes.</summary>
    WholeBodies,

    /// <summary>A valid-looking body sent with odd or missing <c>Content-Type</c>s and charsets.</summary>
    ContentTypes,

    /// <summary>Odd <c>If-Match</c>, <c>Idempotency-Key</c>, <c>Authorization</c> and <c>Accept</c> headers.</summary>
    Headers,
}

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>One generated request: what it breaks (<see cref="Mutation"/> of <see cref="Target"/>) and its exact bytes.</summary>
/// <param name="Mutation">The kind of change, e.g. <c>wrong type: string</c>; failures are grouped by it.</param>
/// <param name="Target">What was changed: a parameter, a body property path (<c>variants[0].price</c>), a header, or <c>body</c>.</param>
/// <param name="PathAndQuery">The request target as sent (already percent-encoded where the case wants it).</param>
/// <param name="Headers">Request headers added without validation (an <c>Authorization</c> here replaces the role's token).</param>
/// <param name="Body">The body bytes, or null for no body.</param>
/// <param name="ContentType">The raw <c>Content-Type</c> value, or null to send none.</param>
public sealed record FuzzCase(
    FuzzCategory Category,
    ApiOperation Operation,
    FuzzRole Role,
    string Mutation,
    string Target,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType)
{
    /// <summary>A one-line description of the request for failure output (body shortened).</summary>
    public string Describe()
    {
        var path = PathAndQuery.Length > 160 ? $"{PathAndQuery[..160]}…({PathAndQuery.Length} chars)" : PathAndQuery;
        var headers = FuzzText.Shorten(string.Concat(Headers.Select(h => $" [{h.Key}: {FuzzText.Shorten(h.Value, 60)}]")), 240);
        var body = Body is null ? "no body" : $"{Body.Length} bytes {FuzzText.Shorten(FuzzText.Printable(Body), 140)}";
        return $"{Role} {Operation.Method} {path}{headers} Content-Type: {ContentType ?? "(none)"}; body: {body}";
    }
}

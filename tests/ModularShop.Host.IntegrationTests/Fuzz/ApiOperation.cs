namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>One operation of the OpenAPI document, reduced to what the fuzz needs to build requests.</summary>
/// <param name="Method">Upper-case HTTP method.</param>
/// <param name="PathTemplate">The document's path key, e.g. <c>/api/carts/{id}/items/{itemId}</c>.</param>
/// <param name="OperationId">The <c>operationId</c> (or <c>METHOD path</c> when the document has none).</param>
/// <param name="Parameters">Path, query and header parameters, in document order.</param>
/// <param name="Body">The JSON request body's schema, or null when the operation documents no body.</param>
/// <param name="Responses">The status codes the document declares (<c>"200"</c>, <c>"4XX"</c>, <c>"default"</c>).</param>
public sealed record ApiOperation(
    string Method,
    string PathTemplate,
    string OperationId,
    IReadOnlyList<ApiParameter> Parameters,
    FuzzSchema? Body,
    IReadOnlySet<string> Responses)
{
    public IEnumerable<ApiParameter> PathParameters => Parameters.Where(p => p.In == "path");

    public IEnumerable<ApiParameter> QueryParameters => Parameters.Where(p => p.In == "query");

    /// <summary>
    /// Whether the document declares <paramref name="status"/> for this operation (exactly, as a range such as
    /// <c>4XX</c>, or through <c>default</c>).
    /// </summary>
    public bool Documents(int status) =>
        Responses.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
        || Responses.Contains($"{status / 100}XX")
        || Responses.Contains("default");

    public override string ToString() => $"{Method} {PathTemplate} ({OperationId})";
}

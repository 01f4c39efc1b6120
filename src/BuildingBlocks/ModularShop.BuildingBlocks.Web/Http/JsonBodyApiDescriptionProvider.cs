using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Documents the 415 problem answer (<see cref="JsonBodyMiddleware"/>) on every operation that reads a request body, as
/// <c>.ProducesProblem(415)</c> on each endpoint would.
/// </summary>
internal sealed class JsonBodyApiDescriptionProvider : IApiDescriptionProvider
{
    // After the framework's providers filled in the endpoints' own metadata.
    public int Order => 0;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            if (description.SupportedRequestFormats.Count == 0 ||
                description.SupportedResponseTypes.Any(r => r.StatusCode == StatusCodes.Status415UnsupportedMediaType))
            {
                continue;
            }

            description.SupportedResponseTypes.Add(new ApiResponseType
            {
                StatusCode = StatusCodes.Status415UnsupportedMediaType,
                Type = typeof(ProblemDetails),
                ApiResponseFormats = [new ApiResponseFormat { MediaType = "application/problem+json" }],
            });
        }
    }
}

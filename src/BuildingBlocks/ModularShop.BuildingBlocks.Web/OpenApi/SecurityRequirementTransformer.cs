using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>
/// Marks operations that need a bearer token (<c>RequireUser</c>, <c>RequireAdmin</c>) and those that take one if
/// sent (<c>OptionalUser</c>: anonymous or bearer), so that the reference shows a lock and offers to send the token.
/// </summary>
internal sealed class SecurityRequirementTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous && !metadata.OfType<IAuthorizeData>().Any())
        {
            return Task.CompletedTask;
        }

        var bearer = new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ShopDocumentTransformer.BearerScheme, context.Document)] = [],
        };
        // An empty requirement is "no authentication": with it, the token is optional.
        operation.Security = anonymous ? [new OpenApiSecurityRequirement(), bearer] : [bearer];
        return Task.CompletedTask;
    }
}

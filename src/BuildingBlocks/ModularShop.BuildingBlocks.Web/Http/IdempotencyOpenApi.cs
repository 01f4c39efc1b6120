using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ModularShop.BuildingBlocks.Web.Http;

public static class IdempotencyOpenApi
{
    /// <summary>Documents the optional <c>Idempotency-Key</c> header on every idempotent endpoint (<c>WithIdempotency&lt;TContext&gt;()</c>).</summary>
    public static OpenApiOptions AddIdempotencyKeyHeader(this OpenApiOptions options) =>
        options.AddOperationTransformer<IdempotencyKeyOperationTransformer>();
}

internal sealed class IdempotencyKeyOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpointMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.KeyHeader,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Optional, 1–255 characters, unique per intended operation (e.g. a UUID). A retry with the same key and body " +
                              "replays the first response (header `Idempotent-Replayed: true`); while the first is still running: 409; " +
                              "the same key with a different body: 422. Remembered for at least 24 h per user (or client address).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Idempotency.MaxKeyLength },
            });
        }

        return Task.CompletedTask;
    }
}

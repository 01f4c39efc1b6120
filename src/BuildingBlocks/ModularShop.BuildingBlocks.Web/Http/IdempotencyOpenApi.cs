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
            var required = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredIdempotencyKeyMetadata>().Any();
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.KeyHeader,
                In = ParameterLocation.Header,
                Required = required,
                Description = (required ? "Required (without it: 400), " : "Optional, ") + "1–255 characters, unique per intended operation (e.g. a UUID). A retry with the same key and body " +
                              "replays the first response (header `Idempotent-Replayed: true`); while the first is still running: 409; " +
                              "the same key with a different body: 422. Remembered for at least 24 h per user (or client address).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Idempotency.MaxKeyLength },
            });
            DocumentProblem(operation, "400", "The `Idempotency-Key` header is empty, too long or not printable ASCII (or the request is invalid).");
            DocumentProblem(operation, "409", "A request with the same `Idempotency-Key` is still running (or another conflict).");
            DocumentProblem(operation, "422", "The `Idempotency-Key` was used with a different request body.");
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds a problem-details answer unless the endpoint documents that status itself (with its own schema).</summary>
    private static void DocumentProblem(OpenApiOperation operation, string status, string description)
    {
        operation.Responses ??= [];
        if (operation.Responses.ContainsKey(status))
        {
            return;
        }

        // The problem schema the operation's other error answers use (every idempotent endpoint has one: 429 at least).
        var problem = operation.Responses.Values
            .Select(r => r.Content is { } content && content.TryGetValue("application/problem+json", out var media) ? media : null)
            .FirstOrDefault(m => m?.Schema is not null);
        if (problem is null)
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem.Schema } },
        };
    }
}

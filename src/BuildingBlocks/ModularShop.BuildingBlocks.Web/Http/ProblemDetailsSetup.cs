using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>Problem details for every error the app can produce, including the framework's own.</summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddShopProblemDetails(this IServiceCollection services)
    {
        // Ahead of the framework's writer, which declines when Accept excludes JSON.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
            if (problem.Status is { } status && !problem.Extensions.ContainsKey("code"))
            {
                // Made by the framework (status-code pages, routing's 415, the authentication challenge), not by
                // Problems: give it the same title and a stable code as every other problem of that status.
                problem.Extensions["code"] = Problems.DefaultCodeOf(status);
                if (problem is not HttpValidationProblemDetails)
                {
                    problem.Title = Problems.TitleOf(status);
                }
            }

            if (problem.Status == StatusCodes.Status415UnsupportedMediaType)
            {
                problem.Detail ??= JsonBodyMiddleware.UnsupportedMediaTypeDetail;
            }
            else if (problem.Status == StatusCodes.Status405MethodNotAllowed)
            {
                problem.Detail ??= $"{context.HttpContext.Request.Method} is not allowed on this resource.";
            }
            else if (problem.Status == StatusCodes.Status404NotFound)
            {
                problem.Detail ??= "The resource does not exist.";
            }
            else if (problem.Status == StatusCodes.Status401Unauthorized)
            {
                problem.Detail ??= "A valid bearer token is required.";
            }
            else if (problem.Status == StatusCodes.Status403Forbidden)
            {
                problem.Detail ??= "You are not allowed to do this.";
            }
            else if (problem.Status >= 500)
            {
                // Never leak internals: exception messages stay in the logs.
                problem.Detail = "An unexpected error occurred. Quote the traceId when reporting it.";
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            // "19.99" for a number is a wrong type, not a number: reject it.
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            o.SerializerOptions.AllowTrailingCommas = false;
            o.SerializerOptions.MaxDepth = 32;
            o.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter());
        });
        return services;
    }

    /// <summary>Exception handler first, then status-code pages, so empty 4xx/5xx bodies become problem details.</summary>
    public static IApplicationBuilder UseShopProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ModularShop.BuildingBlocks.Web.Health;

/// <summary>
/// <c>/health/ready</c>'s body: the overall status and each check's status and description, as JSON
/// (<c>{"status":"Degraded","checks":{"payment-plugins":{"status":"Degraded","description":"…"}}}</c>), so an operator
/// sees why without reading the log. Exceptions are not included (they may name internals); the log has them.
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),

                    // A check that threw gets the exception's message as its description: not for an anonymous endpoint.
                    description = e.Value.Exception is null ? e.Value.Description : "the check failed; see the log",
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}

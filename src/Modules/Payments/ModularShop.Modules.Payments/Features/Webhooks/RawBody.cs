using Microsoft.AspNetCore.Http;

namespace ModularShop.Modules.Payments.Features.Webhooks;

/// <summary>Reads a request body as bytes, untouched (signatures are checked on exactly what was sent), up to a limit.</summary>
internal static class RawBody
{
    /// <summary>The largest webhook or bank-page body read; larger is a 413.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The request headers, names case-insensitive, several values of one name joined by commas.</summary>
    public static IReadOnlyDictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public static IResult TooLarge() => TypedResults.Problem(BuildingBlocks.Web.Http.Problems.Create(
        StatusCodes.Status413PayloadTooLarge,
        BuildingBlocks.Web.Http.Problems.DefaultCodeOf(StatusCodes.Status413PayloadTooLarge),
        $"The body may be at most {MaxBytes} bytes."));
}

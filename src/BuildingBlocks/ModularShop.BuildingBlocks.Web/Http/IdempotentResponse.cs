namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>A response as it is replayed: status, the headers that matter and the body bytes.</summary>
public sealed record IdempotentResponse(int StatusCode, string? ContentType, string? Location, string? ETag, byte[] Body);

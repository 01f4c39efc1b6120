namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>An <c>Idempotency-Key</c> value within its scope (<c>user:&lt;sub&gt;</c> or <c>client:&lt;address&gt;</c>).</summary>
public sealed record IdempotencyKey(string Scope, string Key);

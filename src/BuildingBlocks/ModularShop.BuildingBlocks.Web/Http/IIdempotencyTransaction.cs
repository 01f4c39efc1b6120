namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// The transaction an idempotent request's work runs in (<see cref="IIdempotencyStore.BeginAsync"/>). Disposing it
/// without <see cref="CommitAsync"/> rolls the work back and leaves the claim as it is.
/// </summary>
public interface IIdempotencyTransaction : IAsyncDisposable
{
    /// <summary>
    /// Writes <paramref name="response"/> under this request's claim, in the work's transaction (not cancellable).
    /// False when a retry took the claim over meanwhile: nothing was written, and the work must be rolled back.
    /// </summary>
    Task<bool> RecordAsync(IdempotentResponse response);

    /// <summary>
    /// Commits the work and the recorded response together (not cancellable). If this throws, whether the commit
    /// took effect is unknown.
    /// </summary>
    Task CommitAsync();

    /// <summary>Rolls the work back (nothing of it is kept); the claim stays as it is.</summary>
    Task RollbackAsync();
}

using System.Data.Common;
using ModularShop.BuildingBlocks.Web.Http;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

/// <summary>
/// For tests only: callbacks at the two moments an idempotent request must survive a crash — just before and just
/// after the commit of its work and recorded response. A test registers one instance as a singleton through
/// <c>ConfigureTestServices</c> (the host never does) and, e.g., blocks the request there and kills its database
/// session to simulate a process that died at that point. The callbacks get the key and the work's connection.
/// </summary>
internal sealed class IdempotencyTestHooks
{
    /// <summary>After the response was recorded in the work's transaction, before <c>COMMIT</c>.</summary>
    public Func<IdempotencyKey, DbConnection, Task>? BeforeCommit { get; set; }

    /// <summary>After <c>COMMIT</c>, before the response is sent.</summary>
    public Func<IdempotencyKey, DbConnection, Task>? AfterCommit { get; set; }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Tests.TestModule;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Persistence;

/// <summary>
/// Text PostgreSQL cannot store never reaches it from a module context: the save fails with
/// <see cref="UnstorableTextException"/> (a 400 in the host) and nothing is written, while valid saves on the same
/// connection pool, in parallel, all succeed. Sent to PostgreSQL inside a batched, auto-prepared insert, a NUL would
/// fail as 22021 and now and then leave a pooled connection out of step (an Npgsql 10.0.3 bug, docs/benchmarks.md).
/// </summary>
public sealed class UnstorableTextTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    [Fact]
    public async Task Nul_text_is_refused_before_it_is_sent_and_valid_saves_beside_it_succeed()
    {
        var services = database.CreateServices("guard");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 400).Select(async i =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            var bad = i % 3 == 0;
            // Two rows: EF sends them as one batched command, as a module's SaveChanges does.
            db.Things.Add(new Thing { Id = Guid.NewGuid(), Name = $"first {i}" });
            db.Things.Add(new Thing { Id = Guid.NewGuid(), Name = bad ? $"second \0 {i}" : $"second {i}" });
            try
            {
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                return (Bad: bad, Error: (Exception?)null);
            }
            catch (DbUpdateException ex)
            {
                return (Bad: bad, Error: ex);
            }
        }));

        outcomes.Where(o => !o.Bad).ShouldAllBe(o => o.Error == null);
        outcomes.Where(o => o.Bad).ShouldAllBe(o => o.Error != null && o.Error.InnerException is UnstorableTextException);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.things WHERE name LIKE 'first %'"))
            .ShouldBe(outcomes.Count(o => !o.Bad), "a refused save writes neither of its rows");
    }
}

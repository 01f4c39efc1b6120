using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.Modules.Cart.Persistence;
using ModularShop.Testing;
using Npgsql;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests;

/// <summary>Upgrading a database made by an earlier release keeps what its inbox already applied.</summary>
public sealed class UpgradeTests
{
    private const string OldHandlerName = "ModularShop.Modules.Cart.Features.Products.RefreshProductOnProductUpdated";

    [Fact]
    public async Task Upgrading_renames_the_inbox_rows_keyed_by_the_old_handler_type_to_the_subscription_name()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = Environment.GetEnvironmentVariable(ShopFactory.BaseConnectionStringVariable)
            ?? throw new InvalidOperationException($"{ShopFactory.BaseConnectionStringVariable} is not set; run ./eng/test.sh.");
        var name = $"t_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"", ct);
        var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        try
        {
            var options = new DbContextOptionsBuilder<CartDbContext>();
            ModuleDbContextRegistration.Configure(options, database, CartModule.SchemaName);
            await using var db = new CartDbContext(options.Options);
            var migrator = db.GetService<IMigrator>();

            // The release before this change: its inbox key was the handler's CLR type name.
            await migrator.MigrateAsync("20261124224020_Initial", ct);
            var applied = Guid.NewGuid();
            await ExecuteAsync(database, $"INSERT INTO cart.inbox_messages (message_id, handler, processed_at) VALUES ('{applied}', '{OldHandlerName}', now())", ct);

            await migrator.MigrateAsync(cancellationToken: ct);

            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(ct);
            await using var read = new NpgsqlCommand(
                "SELECT handler || '|' || (processed_at IS NOT NULL) || '|' || (received_at = processed_at) FROM cart.inbox_messages WHERE message_id = $1", connection);
            read.Parameters.Add(new NpgsqlParameter { Value = applied });
            ((string?)await read.ExecuteScalarAsync(ct)).ShouldBe("cart.refresh-product-snapshots|true|true");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ModularShop.Modules.Catalog.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SubscriptionQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "processed_at",
                schema: "catalog",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone");

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                schema: "catalog",
                table: "inbox_messages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "dead_at",
                schema: "catalog",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                schema: "catalog",
                table: "inbox_messages",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                schema: "catalog",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "payload",
                schema: "catalog",
                table: "inbox_messages",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "received_at",
                schema: "catalog",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                schema: "catalog",
                table: "inbox_messages",
                type: "bigint",
                nullable: false)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.AddColumn<string>(
                name: "type",
                schema: "catalog",
                table: "inbox_messages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Rows from before inboxes were queues were all applied: they arrived when they were processed.
            migrationBuilder.Sql("UPDATE catalog.inbox_messages SET received_at = processed_at WHERE processed_at IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_dead_at",
                schema: "catalog",
                table: "inbox_messages",
                column: "dead_at",
                filter: "dead_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_pending",
                schema: "catalog",
                table: "inbox_messages",
                columns: new[] { "handler", "next_attempt_at", "sequence" },
                filter: "processed_at IS NULL AND dead_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "catalog",
                table: "inbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_sequence",
                schema: "catalog",
                table: "inbox_messages",
                column: "sequence",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_dead_at",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_pending",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_sequence",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "attempts",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "dead_at",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "last_error",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "payload",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "received_at",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "sequence",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "type",
                schema: "catalog",
                table: "inbox_messages");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "processed_at",
                schema: "catalog",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)),
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "catalog",
                table: "inbox_messages",
                column: "processed_at");
        }
    }
}

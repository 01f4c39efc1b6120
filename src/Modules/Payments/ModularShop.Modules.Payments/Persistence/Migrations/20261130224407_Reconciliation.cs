using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModularShop.Modules.Payments.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "looked_up_at",
                schema: "payments",
                table: "payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "order_seen_at",
                schema: "payments",
                table: "payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "unmatched_since",
                schema: "payments",
                table: "payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_status_updated_at",
                schema: "payments",
                table: "payments",
                columns: new[] { "status", "updated_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_status_updated_at",
                schema: "payments",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "looked_up_at",
                schema: "payments",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "order_seen_at",
                schema: "payments",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "unmatched_since",
                schema: "payments",
                table: "payments");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModularShop.Modules.Users.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SessionsAndClientLockout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_login_throttles",
                schema: "users",
                table: "login_throttles");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "blocked_at",
                schema: "users",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "security_stamp",
                schema: "users",
                table: "users",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");

            migrationBuilder.AddColumn<string>(
                name: "client",
                schema: "users",
                table: "login_throttles",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                // Rows from before this migration counted an e-mail's failures from every client.
                defaultValue: "*");

            // The default only fills the existing rows: every new row names its client.
            migrationBuilder.Sql("ALTER TABLE users.login_throttles ALTER COLUMN client DROP DEFAULT;");

            migrationBuilder.AddPrimaryKey(
                name: "pk_login_throttles",
                schema: "users",
                table: "login_throttles",
                columns: new[] { "normalized_email", "client" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // One row per e-mail again: keep the account-wide counts.
            migrationBuilder.Sql("DELETE FROM users.login_throttles WHERE client <> '*';");

            migrationBuilder.DropPrimaryKey(
                name: "pk_login_throttles",
                schema: "users",
                table: "login_throttles");

            migrationBuilder.DropColumn(
                name: "blocked_at",
                schema: "users",
                table: "users");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                schema: "users",
                table: "users");

            migrationBuilder.DropColumn(
                name: "client",
                schema: "users",
                table: "login_throttles");

            migrationBuilder.AddPrimaryKey(
                name: "pk_login_throttles",
                schema: "users",
                table: "login_throttles",
                column: "normalized_email");
        }
    }
}

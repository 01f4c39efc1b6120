using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModularShop.Modules.Catalog.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CaseInsensitiveNameSort : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_products_name",
                schema: "catalog",
                table: "products");

            // sort=name is case-insensitive: ORDER BY lower(name), id.
            migrationBuilder.Sql(
                "CREATE INDEX ix_products_name_ci ON catalog.products (lower(name), id) WHERE archived_at IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX catalog.ix_products_name_ci;");

            migrationBuilder.CreateIndex(
                name: "ix_products_name",
                schema: "catalog",
                table: "products",
                columns: new[] { "name", "id" },
                filter: "archived_at IS NULL");
        }
    }
}

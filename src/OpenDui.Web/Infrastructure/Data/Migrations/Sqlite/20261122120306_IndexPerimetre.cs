using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndexPerimetre : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sejours_UsagerId",
                table: "Sejours");

            migrationBuilder.CreateIndex(
                name: "IX_Sejours_UsagerId_EssmsId_UniteId_Annule",
                table: "Sejours",
                columns: new[] { "UsagerId", "EssmsId", "UniteId", "Annule" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sejours_UsagerId_EssmsId_UniteId_Annule",
                table: "Sejours");

            migrationBuilder.CreateIndex(
                name: "IX_Sejours_UsagerId",
                table: "Sejours",
                column: "UsagerId");
        }
    }
}

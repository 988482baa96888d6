using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MarqueTraces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TracesModification_UsagerId",
                table: "TracesModification");

            migrationBuilder.CreateIndex(
                name: "IX_TracesModification_Entite_Id_SansUsager",
                table: "TracesModification",
                columns: new[] { "Entite", "Id" },
                filter: "\"UsagerId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TracesModification_UsagerId_Id",
                table: "TracesModification",
                columns: new[] { "UsagerId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TracesModification_Entite_Id_SansUsager",
                table: "TracesModification");

            migrationBuilder.DropIndex(
                name: "IX_TracesModification_UsagerId_Id",
                table: "TracesModification");

            migrationBuilder.CreateIndex(
                name: "IX_TracesModification_UsagerId",
                table: "TracesModification",
                column: "UsagerId");
        }
    }
}

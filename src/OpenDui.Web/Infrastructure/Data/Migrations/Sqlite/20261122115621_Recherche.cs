using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Recherche : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Usagers_OrganismeId_NomRecherche",
                table: "Usagers");

            migrationBuilder.DropIndex(
                name: "IX_Usagers_OrganismeId_NomUtiliseRecherche",
                table: "Usagers");

            migrationBuilder.CreateIndex(
                name: "IX_Usagers_NomRecherche",
                table: "Usagers",
                column: "NomRecherche");

            migrationBuilder.CreateIndex(
                name: "IX_Usagers_NomUtiliseRecherche",
                table: "Usagers",
                column: "NomUtiliseRecherche");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Usagers_NomRecherche",
                table: "Usagers");

            migrationBuilder.DropIndex(
                name: "IX_Usagers_NomUtiliseRecherche",
                table: "Usagers");

            migrationBuilder.CreateIndex(
                name: "IX_Usagers_OrganismeId_NomRecherche",
                table: "Usagers",
                columns: new[] { "OrganismeId", "NomRecherche" });

            migrationBuilder.CreateIndex(
                name: "IX_Usagers_OrganismeId_NomUtiliseRecherche",
                table: "Usagers",
                columns: new[] { "OrganismeId", "NomUtiliseRecherche" });
        }
    }
}

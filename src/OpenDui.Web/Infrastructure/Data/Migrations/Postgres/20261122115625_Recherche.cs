using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
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

            migrationBuilder.AlterColumn<string>(
                name: "NomUtiliseRecherche",
                table: "Usagers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "NomRecherche",
                table: "Usagers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

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

            migrationBuilder.AlterColumn<string>(
                name: "NomUtiliseRecherche",
                table: "Usagers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "NomRecherche",
                table: "Usagers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldCollation: "C");

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

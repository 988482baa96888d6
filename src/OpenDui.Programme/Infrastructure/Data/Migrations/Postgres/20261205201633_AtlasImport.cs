using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Programme.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AtlasImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Importee",
                table: "Candidatures",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RegionSuivi",
                table: "Candidatures",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReglesNonRenseignees",
                table: "Campagnes",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Importee",
                table: "Candidatures");

            migrationBuilder.DropColumn(
                name: "RegionSuivi",
                table: "Candidatures");

            migrationBuilder.DropColumn(
                name: "ReglesNonRenseignees",
                table: "Campagnes");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Programme.Infrastructure.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RegionSuivi",
                table: "Candidatures",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReglesNonRenseignees",
                table: "Campagnes",
                type: "INTEGER",
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

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Identitovigilance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IdentifiantsLocaux_UsagerId_EssmsId",
                table: "IdentifiantsLocaux");

            migrationBuilder.AddColumn<Guid>(
                name: "FusionneDansId",
                table: "Usagers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Ancien",
                table: "IdentifiantsLocaux",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Fusions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerConserveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerFusionneId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Horodatage = table.Column<long>(type: "INTEGER", nullable: false),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Motif = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DeplacesJson = table.Column<string>(type: "TEXT", nullable: false),
                    AnnuleeLe = table.Column<long>(type: "INTEGER", nullable: true),
                    AnnuleePar = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Fusions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IdentifiantsLocaux_UsagerId_EssmsId",
                table: "IdentifiantsLocaux",
                columns: new[] { "UsagerId", "EssmsId" });

            migrationBuilder.CreateIndex(
                name: "IX_Fusions_UsagerConserveId",
                table: "Fusions",
                column: "UsagerConserveId");

            migrationBuilder.CreateIndex(
                name: "IX_Fusions_UsagerFusionneId",
                table: "Fusions",
                column: "UsagerFusionneId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Fusions");

            migrationBuilder.DropIndex(
                name: "IX_IdentifiantsLocaux_UsagerId_EssmsId",
                table: "IdentifiantsLocaux");

            migrationBuilder.DropColumn(
                name: "FusionneDansId",
                table: "Usagers");

            migrationBuilder.DropColumn(
                name: "Ancien",
                table: "IdentifiantsLocaux");

            migrationBuilder.CreateIndex(
                name: "IX_IdentifiantsLocaux_UsagerId_EssmsId",
                table: "IdentifiantsLocaux",
                columns: new[] { "UsagerId", "EssmsId" },
                unique: true);
        }
    }
}

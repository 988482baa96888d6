using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Programme.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CalendriersArs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalendriersArs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Annee = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Jalons = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PublieLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ModifieLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ModifiePar = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendriersArs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalendriersArs_Campagnes_Annee",
                        column: x => x.Annee,
                        principalTable: "Campagnes",
                        principalColumn: "Annee",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RevisionsCalendriersArs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CalendrierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Horodatage = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Jalons = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevisionsCalendriersArs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RevisionsCalendriersArs_CalendriersArs_CalendrierId",
                        column: x => x.CalendrierId,
                        principalTable: "CalendriersArs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendriersArs_Annee_RegionCode",
                table: "CalendriersArs",
                columns: new[] { "Annee", "RegionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RevisionsCalendriersArs_CalendrierId_Horodatage",
                table: "RevisionsCalendriersArs",
                columns: new[] { "CalendrierId", "Horodatage" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RevisionsCalendriersArs");

            migrationBuilder.DropTable(
                name: "CalendriersArs");
        }
    }
}

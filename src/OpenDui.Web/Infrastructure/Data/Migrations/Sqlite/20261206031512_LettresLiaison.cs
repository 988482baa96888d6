using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LettresLiaison : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LettresLiaison",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SejourId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SerieId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Numero = table.Column<int>(type: "INTEGER", nullable: false),
                    Sens = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Statut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DateMouvement = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Etablissement = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Motif = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    EtatSante = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    PointsVigilance = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Besoins = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Reprise = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    CreeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    CreeParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ModifieLe = table.Column<long>(type: "INTEGER", nullable: false),
                    ValideeLe = table.Column<long>(type: "INTEGER", nullable: true),
                    ValideeParId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ValideeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RemplaceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LettresLiaison", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LettresLiaison_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LettresLiaison_Sejours_SejourId",
                        column: x => x.SejourId,
                        principalTable: "Sejours",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LettresLiaison_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LettresLiaison_EssmsId",
                table: "LettresLiaison",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_LettresLiaison_SejourId",
                table: "LettresLiaison",
                column: "SejourId");

            migrationBuilder.CreateIndex(
                name: "IX_LettresLiaison_SerieId_Brouillon",
                table: "LettresLiaison",
                column: "SerieId",
                unique: true,
                filter: "\"Statut\" = 'Brouillon'");

            migrationBuilder.CreateIndex(
                name: "IX_LettresLiaison_SerieId_Numero",
                table: "LettresLiaison",
                columns: new[] { "SerieId", "Numero" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LettresLiaison_UsagerId",
                table: "LettresLiaison",
                column: "UsagerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LettresLiaison");
        }
    }
}

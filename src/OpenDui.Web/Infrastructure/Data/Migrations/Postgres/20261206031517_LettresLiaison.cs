using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SejourId = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    SerieId = table.Column<Guid>(type: "uuid", nullable: false),
                    Numero = table.Column<int>(type: "integer", nullable: false),
                    Sens = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Statut = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DateMouvement = table.Column<DateOnly>(type: "date", nullable: false),
                    Etablissement = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Motif = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    EtatSante = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    PointsVigilance = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Besoins = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Reprise = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    CreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreeParId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreeParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ModifieLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ValideeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ValideeParId = table.Column<Guid>(type: "uuid", nullable: true),
                    ValideeParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RemplaceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
